using System.Text.Json;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>Issue 14 deliverable 4: <c>upgrade-report</c>, with the real helm 3 and the 1.17, 1.18 and 1.19 charts.</summary>
public sealed class UpgradeReportCommandTests
{
    // 1.18.1 reads both, 1.19.6 neither (1.19 removed custom calls and the l2 pod announcements interface option).
    private const string ValuesRemovedIn119 = "customCalls:\n  enabled: false\nl2podAnnouncements:\n  interface: eth0\n";

    private const string Kustomization = "resources:\n  - bgp.yaml\n";

    private const string BgpResources = """
        apiVersion: cilium.io/v2alpha1
        kind: CiliumBGPPeeringPolicy
        metadata:
          name: rack1
        spec:
          nodeSelector:
            matchLabels:
              rack: rack1
          virtualRouters:
            - localASN: 64512
              neighbors:
                - peerAddress: 10.0.0.1/32
                  peerASN: 64512
        ---
        apiVersion: cilium.io/v2alpha1
        kind: CiliumLoadBalancerIPPool
        metadata:
          name: pool
        spec:
          blocks:
            - cidr: 10.0.10.0/24

        """;

    private static string[] Common(string version) =>
        ["--chart", TestPaths.ChartArchive(version), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", "cache"];

    private static string[] Render(string version, params string[] more) => ["render", .. Common(version), "--no-lint", "-o", "out.yaml", .. more];

    private static string[] Report(string version, params string[] more) => ["upgrade-report", "--from", "out.yaml", .. Common(version), .. more];

    private static async Task<CliRun> SucceedsAsync(string folder, string[] args)
    {
        var run = await Cli.RunAsync(folder, args);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        return run;
    }

    [Test]
    public async Task A_report_from_1_18_to_1_19_lists_removed_values_defaults_upgradeCompatibility_resources_and_API_versions_in_three_formats()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("values.yaml"), ValuesRemovedIn119);
        Directory.CreateDirectory(temp.Combine("overlay"));
        File.WriteAllText(temp.Combine("overlay", "kustomization.yaml"), Kustomization);
        File.WriteAllText(temp.Combine("overlay", "bgp.yaml"), BgpResources);
        await SucceedsAsync(temp.Path, Render("1.18.1", "-f", "values.yaml", "-k", "overlay"));
        var before = File.ReadAllBytes(temp.Combine("out.yaml"));

        string[] target = ["-f", "values.yaml", "-k", "overlay", "--from-chart", TestPaths.ChartArchive("1.18.1")];
        var text = await Cli.RunAsync(temp.Path, Report("1.19.6", target));
        var markdown = await Cli.RunAsync(temp.Path, Report("1.19.6", [.. target, "--format", "markdown"]));
        var json = await Cli.RunAsync(temp.Path, Report("1.19.6", [.. target, "--format", "json"]));

        using var parsed = JsonDocument.Parse(json.Output);
        var root = parsed.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(1), text.ToString);
            Assert.That(File.ReadAllBytes(temp.Combine("out.yaml")), Is.EqualTo(before), "the report writes nothing");
            Assert.That(text.Output, Does.Contain("Upgrade cilium 1.18.1 → cilium 1.19.6 (minor): allowed"));
            Assert.That(text.Output, Does.Contain("upgradeCompatibility: 1.18 (the first Cilium minor recorded in the output's header)"));
            Assert.That(text.Output, Does.Contain("  customCalls, set in values file 'values.yaml' (values.yaml:1) (read by 1.18.1)"));
            Assert.That(text.Output, Does.Contain("  l2podAnnouncements.interface, set in values file 'values.yaml' (values.yaml:4) (read by 1.18.1); did you mean '"));
            Assert.That(text.Output, Does.Match(@"\n  images: \d+ tags v1\.18\.1 → v1\.19\.6;"), "one line for the images");
            Assert.That(text.Output, Does.Match(@"Chart defaults for keys you do not set: [1-9]\d* changed, [1-9]\d* added"));
            Assert.That(text.Output, Does.Not.Contain("changed upgradeCompatibility").And.Not.Contain("changed image.tag"), "set keys and image leaves are not listed one by one");
            Assert.That(text.Output, Does.Match(@"Resources: \d+ added, \d+ removed, [1-9]\d* changed"));
            Assert.That(text.Output, Does.Contain("  changed apps/v1 DaemonSet kube-system/cilium: "));
            Assert.That(text.Output, Does.Contain("  removed in Cilium 1.19: cilium.io/v2alpha1 CiliumBGPPeeringPolicy rack1; use cilium.io/v2 CiliumBGPClusterConfig"));
            Assert.That(text.Output, Does.Contain("  deprecated in Cilium 1.19: cilium.io/v2alpha1 CiliumLoadBalancerIPPool pool"));
            Assert.That(text.Output, Does.Contain("Result: blocked (2 value(s) the new chart no longer reads; 1 resource(s) of an API version Cilium 1.19.6 no longer serves)"));

            Assert.That(markdown.ExitCode, Is.EqualTo(1), markdown.ToString);
            Assert.That(json.ExitCode, Is.EqualTo(1), json.ToString);
            Assert.That(root.GetProperty("formatVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("blocked").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("step").GetProperty("kind").GetString(), Is.EqualTo("minor"));
            Assert.That(root.GetProperty("from").GetProperty("version").GetString(), Is.EqualTo("1.18.1"));
            Assert.That(root.GetProperty("to").GetProperty("version").GetString(), Is.EqualTo("1.19.6"));
            Assert.That(root.GetProperty("upgradeCompatibility").GetProperty("value").GetString(), Is.EqualTo("1.18"));
            Assert.That(root.GetProperty("upgradeCompatibility").GetProperty("source").GetString(), Is.EqualTo("recorded"));
            Assert.That(root.GetProperty("removedValues").EnumerateArray().Select(v => v.GetProperty("key").GetString()), Is.EqualTo(new[] { "customCalls", "l2podAnnouncements.interface" }));
            Assert.That(root.GetProperty("removedValues")[0].GetProperty("line").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("defaults").GetProperty("images").GetProperty("summary").GetString(), Does.StartWith("5 tags v1.18.1 → v1.19.6"));
            Assert.That(root.GetProperty("resources").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("apiVersions").EnumerateArray().Select(a => a.GetProperty("status").GetString()), Is.EqualTo(new[] { "removed", "deprecated" }));
        });

        // The pull-request comment, as a reviewer reads it (no digests or machine paths in it).
        Snapshot.Match(markdown.Output, "md");
    }

    [Test]
    public async Task Exit_codes_1_for_a_skipped_minor_0_for_the_same_version_without_changes_2_without_from()
    {
        using var temp = new TempDirectory();
        await SucceedsAsync(temp.Path, Render("1.17.18"));
        var skip = await Cli.RunAsync(temp.Path, Report("1.19.6", "--from-chart", TestPaths.ChartArchive("1.17.18")));
        var allowed = await Cli.RunAsync(temp.Path, Report("1.19.6", "--from-chart", TestPaths.ChartArchive("1.17.18"), "--allow-minor-skip"));

        using var same = new TempDirectory();
        await SucceedsAsync(same.Path, Render("1.19.6"));
        var unchanged = await Cli.RunAsync(same.Path, Report("1.19.6"));
        var noFrom = await Cli.RunAsync(same.Path, ["upgrade-report", .. Common("1.19.6")]);
        var missing = await Cli.RunAsync(same.Path, ["upgrade-report", "--from", "nothing.yaml", .. Common("1.19.6")]);

        Assert.Multiple(() =>
        {
            Assert.That(skip.ExitCode, Is.EqualTo(1), skip.ToString);
            Assert.That(skip.Output, Does.Contain("Upgrade cilium 1.17.18 → cilium 1.19.6 (minor-skip): refused").And.Contain("TCR1101: ").And.Contain("1.17 → 1.18 → 1.19"));
            Assert.That(skip.Output, Does.Contain("upgradeCompatibility: 1.17 "));
            Assert.That(skip.Output, Does.Contain("Result: blocked (the version step is refused (TCR1101))"));
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString);
            Assert.That(allowed.Output, Does.Contain("(minor-skip): allowed").And.Contain("Result: nothing blocks this upgrade"));

            Assert.That(unchanged.ExitCode, Is.Zero, unchanged.ToString);
            Assert.That(unchanged.Output, Does.Contain("(same): allowed").And.Contain("Resources: no changes").And.Contain("0 changed, 0 added, 0 removed, 0 image fields"));
            Assert.That(unchanged.Output, Does.Contain("upgradeCompatibility: not set"));

            Assert.That(noFrom.ExitCode, Is.EqualTo(2));
            Assert.That(noFrom.Error, Does.Contain("TCR0030").And.Contain("--from"));
            Assert.That(missing.ExitCode, Is.EqualTo(2));
            Assert.That(missing.Error, Does.Contain("nothing.yaml: error TCR1104: 'nothing.yaml' does not exist"));
        });
    }

    [Test]
    public async Task Without_the_committed_chart_in_the_cache_the_error_names_from_chart_and_cache_add_and_either_fix_works()
    {
        using var temp = new TempDirectory();
        await SucceedsAsync(temp.Path, Render("1.18.1"));
        var missing = await Cli.RunAsync(temp.Path, Report("1.19.6"));
        var given = await Cli.RunAsync(temp.Path, Report("1.19.6", "--from-chart", TestPaths.ChartArchive("1.18.1")));
        var wrong = await Cli.RunAsync(temp.Path, Report("1.19.6", "--from-chart", TestPaths.ChartArchive("1.17.18")));
        await SucceedsAsync(temp.Path, ["cache", "add", TestPaths.ChartArchive("1.18.1"), "--chart-cache", "cache"]);
        var cached = await Cli.RunAsync(temp.Path, Report("1.19.6"));

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString);
            Assert.That(missing.Error, Does.Contain("out.yaml: error TCR1105: ").And.Contain("--from-chart").And.Contain("talos-cilium cache add cilium-1.18.1.tgz"));
            Assert.That(given.ExitCode, Is.Zero, given.ToString);
            Assert.That(wrong.ExitCode, Is.EqualTo(2));
            Assert.That(wrong.Error, Does.Contain("TCR1106"));
            Assert.That(cached.ExitCode, Is.Zero, cached.ToString);
            Assert.That(cached.Output, Is.EqualTo(given.Output), "found in the cache by the header's digest");
        });
    }
}
