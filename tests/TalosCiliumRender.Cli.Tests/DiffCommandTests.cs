using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>`talos-cilium diff` and `render --diff-against`, on real renders of two chart versions.</summary>
public sealed class DiffCommandTests
{
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public async Task RenderBothVersions()
    {
        _temp = new TempDirectory();
        foreach (var version in new[] { "1.18.1", "1.19.6" })
        {
            var run = await Cli.RunAsync(_temp.Path, "render", "--chart", TestPaths.ChartArchive(version), "--feature", "hubble-relay",
                "--helm", TestPaths.Helm(TestPaths.Helm3Version), "-o", $"cilium-{version}.yaml");
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
        }
    }

    [OneTimeTearDown]
    public void Delete() => _temp.Dispose();

    [Test]
    public async Task Version_bump_lists_changed_resources_and_paths_and_never_secret_content()
    {
        var run = await Cli.RunAsync(_temp.Path, "diff", "cilium-1.18.1.yaml", "cilium-1.19.6.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
            Assert.That(run.Output, Does.Contain("changed apps/v1 DaemonSet kube-system/cilium: ").And.Contain("spec.template.spec.containers[0].image"));
            Assert.That(run.Output, Does.Contain("changed v1 Secret kube-system/hubble-server-certs: ").And.Contain("data[\"tls.key\"]"), "certificates differ between the two renders; only the path is named");
            Assert.That(run.Output, Does.Match(@"(?m)^\d+ added, \d+ removed, \d+ changed$"));
            foreach (var secretValue in SecretValues("cilium-1.18.1.yaml").Concat(SecretValues("cilium-1.19.6.yaml")))
            {
                Assert.That(run.Output, Does.Not.Contain(secretValue[..Math.Min(24, secretValue.Length)]), "no Secret content in the report");
            }

            Assert.That(Regex.IsMatch(run.Output, "LS0tLS1CRUdJ|BEGIN (CERTIFICATE|RSA|PRIVATE|EC)"), Is.False, "no PEM in the report");
        });
    }

    [Test]
    public async Task Same_manifest_has_no_changes_and_exit_zero()
    {
        var run = await Cli.RunAsync(_temp.Path, "diff", "cilium-1.18.1.yaml", "cilium-1.18.1.yaml");
        Assert.That((run.ExitCode, run.Output.Trim()), Is.EqualTo((0, "no changes")));
    }

    [Test]
    public async Task A_folder_of_files_compares_by_resource_not_by_file()
    {
        var documents = YamlReader.ReadDocuments(File.ReadAllText(_temp.Combine("cilium-1.18.1.yaml")), "x");
        Directory.CreateDirectory(_temp.Combine("split"));
        for (var i = 0; i < documents.Count; i++)
        {
            File.WriteAllText(_temp.Combine("split", $"{i:D3}.yaml"), YamlWriter.Write([documents[^(i + 1)]]));
        }

        File.WriteAllText(_temp.Combine("split", "kustomization.yaml"), "resources: []\n");
        var run = await Cli.RunAsync(_temp.Path, "diff", "cilium-1.18.1.yaml", "split");

        Assert.That((run.ExitCode, run.Output.Trim()), Is.EqualTo((0, "no changes")), run.ToString);
    }

    [Test]
    public async Task A_missing_side_is_an_error_with_exit_two()
    {
        var run = await Cli.RunAsync(_temp.Path, "diff", "cilium-1.18.1.yaml", "nope.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("error TCR3004: "));
        });
    }

    [Test]
    public async Task Render_diff_against_the_committed_file_reports_only_real_changes()
    {
        // Hubble's helm-made Secrets are Talos lint findings (TCR6007/TCR6008) on stderr; this test is about the diff.
        string[] render = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--feature", "hubble-relay", "--helm", TestPaths.Helm(TestPaths.Helm4Version), "--diff-against", "cilium-1.18.1.yaml", "--no-lint"];

        var same = await Cli.RunAsync(_temp.Path, render);
        var changed = await Cli.RunAsync(_temp.Path, [.. render, "--set", "operator.replicas=1"]);

        Assert.Multiple(() =>
        {
            Assert.That(same.ExitCode, Is.Zero, same.Error);
            Assert.That(same.Error.Trim(), Is.EqualTo("no changes"), "freshly generated certificates are not a change");
            Assert.That(same.Output, Does.Contain("kind: DaemonSet"), "the manifest still goes to stdout");
            Assert.That(changed.ExitCode, Is.EqualTo(1));
            Assert.That(changed.Error, Does.Contain("changed apps/v1 Deployment kube-system/cilium-operator: spec.replicas"));
        });
    }

    private IEnumerable<string> SecretValues(string file) =>
        YamlReader.ReadDocuments(File.ReadAllText(_temp.Combine(file)), file)
            .Select(d => (YamlMappingNode)d.Root)
            .Where(m => m.GetString("kind") == "Secret" && m.Get("data") is YamlMappingNode)
            .SelectMany(m => ((YamlMappingNode)m.Get("data")!).Children.Values.OfType<YamlScalarNode>().Select(v => v.Value!))
            .Where(v => v.Length > 8);
}
