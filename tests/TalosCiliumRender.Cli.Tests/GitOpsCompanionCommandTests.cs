using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>`render --flux-helmrelease` / `--argocd-application`: the companions carry what `talos-cilium values` prints.</summary>
public sealed class GitOpsCompanionCommandTests
{
    [Test]
    public async Task The_companions_carry_exactly_what_talos_cilium_values_prints()
    {
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "operator:\n  replicas: 1\nhubble:\n  relay:\n    replicas: 2\n");
        string[] common = ["--repo", repository.Url, "--version", "1.18.1", "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "--feature", "hubble-relay", "-f", "values.yaml", "--set", "ipv6.enabled=false"];

        var render = await Cli.RunAsync(temp.Path, ["render", .. common, "-o", "cilium-manifests.yaml", "--flux-helmrelease", "hr.yaml", "--argocd-application", "app.yaml"]);
        var values = await Cli.RunAsync(temp.Path, ["values", .. common, "-o", "cilium-manifests.yaml"]);
        var check = await Cli.RunAsync(temp.Path, ["render", .. common, "-o", "cilium-manifests.yaml", "--flux-helmrelease", "hr.yaml", "--argocd-application", "app.yaml", "--check"]);

        var printed = YamlReader.ReadDocuments(values.Output, "values")[0].Root;
        var helmRelease = YamlReader.ReadDocuments(File.ReadAllText(temp.Combine("hr.yaml")), "hr").Select(d => (YamlMappingNode)d.Root).Single(o => o.GetString("kind") == "HelmRelease");
        var application = (YamlMappingNode)YamlReader.ReadDocuments(File.ReadAllText(temp.Combine("app.yaml")), "app")[0].Root;

        Assert.Multiple(() =>
        {
            Assert.That(render.ExitCode, Is.Zero, render.ToString);
            Assert.That(values.ExitCode, Is.Zero, values.ToString);
            Assert.That(check.ExitCode, Is.Zero, check.ToString);
            Assert.That(YamlEquivalence.Differences(printed, helmRelease.GetPath("spec", "values")), Is.Empty);
            Assert.That(application.GetPath("spec", "source", "helm", "values")!.ToString(), Is.EqualTo(values.Output));
        });
    }

    [Test]
    public async Task A_local_chart_is_TCR5050()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--argocd-application", "app.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Contain("error TCR5050: ").And.Contain("--chart NAME --repo URL"), run.ToString);
            Assert.That(File.Exists(temp.Combine("app.yaml")), Is.False);
        });
    }
}
