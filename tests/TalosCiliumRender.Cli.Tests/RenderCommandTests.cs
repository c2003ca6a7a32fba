namespace TalosCiliumRender.Cli.Tests;

public sealed class RenderCommandTests
{
    private const string Precious = "# committed output that must survive a failed render\nkind: ConfigMap\n";

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Seed_configuration_equals_the_talos_guide_helm_command(string helmVersion)
    {
        using var temp = new TempDirectory();
        var helm = TestPaths.Helm(helmVersion);
        var chart = TestPaths.ChartArchive("1.18.1");

        var guide = await HelmProcess.RunAsync(helm, HelmProcess.SeedTemplateArguments(chart, "1.18.1"));
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", chart, "--version", "1.18.1", "--helm", helm, "--chart-cache", temp.Combine("cache"), "-o", "cilium-manifests.yaml");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var rendered = File.ReadAllText(temp.Combine("cilium-manifests.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(ManifestComparison.Differences(guide, rendered), Is.Empty);
            Assert.That(ManifestComparison.ParseMasked(rendered), Has.Count.GreaterThan(20));
            Assert.That(run.Output, Is.Empty, "nothing on stdout when -o is given");
        });
    }

    [Test]
    public async Task Without_output_option_the_manifest_goes_to_stdout()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Does.Contain("kind: DaemonSet"));
            Assert.That(run.StandardOutputBytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
            Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.Empty, "a local chart needs no cache and nothing is written");
        });
    }

    [Test]
    public async Task Check_passes_on_a_fresh_file_and_fails_with_TCR0008_on_a_stale_one_without_writing()
    {
        using var temp = new TempDirectory();
        string[] common = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "-o", "cilium-manifests.yaml"];
        var missing = await Cli.RunAsync(temp.Path, [.. common, "--check"]);
        var write = await Cli.RunAsync(temp.Path, common);
        var fresh = await Cli.RunAsync(temp.Path, [.. common, "--check"]);
        var path = temp.Combine("cilium-manifests.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("kind: DaemonSet", "kind: DaemonSet\nextra: field", StringComparison.Ordinal));
        var edited = File.ReadAllBytes(path);
        var stale = await Cli.RunAsync(temp.Path, [.. common, "--check"]);

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.Not.Zero, missing.ToString);
            Assert.That(missing.Error, Does.Contain("error TCR0008: "));
            Assert.That(write.ExitCode, Is.Zero, write.ToString);
            Assert.That(fresh.ExitCode, Is.Zero, fresh.ToString);
            Assert.That(fresh.Output + fresh.Error, Is.Empty, "a passing check is quiet");
            Assert.That(stale.ExitCode, Is.Not.Zero);
            Assert.That(stale.Error, Does.Contain("error TCR0008: ").And.Contain("changed apps/v1 DaemonSet kube-system/cilium: extra"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(edited), "check never writes");
        });
    }

    private static async Task AssertFailsWithAsync(string code, TempDirectory temp, params string[] args)
    {
        var output = temp.WriteFile("cilium-manifests.yaml", Precious);
        var before = File.GetLastWriteTimeUtc(output);
        var run = await Cli.RunAsync(temp.Path, ["render", "-o", "cilium-manifests.yaml", "--chart-cache", temp.Combine("cache"), .. args]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain($"error {code}: "), run.ToString);
            Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.ReadAllText(output), Is.EqualTo(Precious), "existing output untouched");
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(before));
            Assert.That(Directory.GetFiles(temp.Path), Is.EqualTo(new[] { output }), "no temporary files left behind");
        });
    }

    [Test]
    public async Task Missing_helm_is_TCR1001()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR1001", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", temp.Combine("no-such-helm"));
    }

    [Test]
    public async Task Missing_chart_is_TCR1005()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR1005", temp, "--chart", "charts/cilium-9.9.9.tgz", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [Test]
    public async Task Local_chart_of_another_version_is_TCR1008()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR1008", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--version", "1.19.6", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [Test]
    public async Task Malformed_values_file_is_TCR3002_with_file_line_and_column()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values/bad.yaml", "hubble:\n  relay: [enabled: true\n");
        await AssertFailsWithAsync("TCR3002", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "-f", "values/bad.yaml", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "-f", "values/bad.yaml", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
        Assert.That(run.Error, Does.Match(@"values/bad\.yaml\(\d+,\d+\): error TCR3002: "));
    }

    [Test]
    public async Task Unknown_feature_is_TCR0003()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR0003", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--feature", "hubble", "--feature", "hubbel-ui", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [Test]
    public async Task Unknown_preset_is_TCR0002()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR0002", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--preset", "talos-1.18", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Helm_failure_is_TCR1002_with_the_tail_of_its_stderr(string helmVersion)
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR1002", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--set", "kubeProxyReplacement=strict", "--helm", TestPaths.Helm(helmVersion));
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--set", "kubeProxyReplacement=strict", "--helm", TestPaths.Helm(helmVersion));
        Assert.That(run.Error, Does.Contain("kubeProxyReplacement must be explicitly set"));
    }

    [Test]
    public async Task Helm_that_hangs_is_stopped_with_TCR1004()
    {
        using var temp = new TempDirectory();
        Environment.SetEnvironmentVariable("FAKE_HELM_MODE", "hang");
        try
        {
            await AssertFailsWithAsync("TCR1004", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "--timeout", "1");
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_HELM_MODE", null);
        }
    }

    [Test]
    public async Task Help_lists_the_options()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            foreach (var option in new[] { "--chart", "--repo", "--version", "--release", "--namespace", "--preset", "--feature", "--values", "--set", "--kube-version", "--api-versions", "--helm", "--output", "--kustomization" })
            {
                Assert.That(run.Output, Does.Contain(option));
            }
        });
    }
}
