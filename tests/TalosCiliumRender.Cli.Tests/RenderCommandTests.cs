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

        var guide = await ReferenceHelm.RunAsync(helm, ReferenceHelm.SeedTemplateArguments(chart, "1.18.1"));
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
            Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.EquivalentTo(new[] { temp.Combine("cache") }), "nothing is written but the cache");
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("cache")), Is.EquivalentTo(new[] { "helm-versions", "chart-digests", "scans", "values", "schemas" }.Select(f => temp.Combine("cache", f))), "a local chart files no chart; helm's version, the archive's digest, the chart's template scan and its values analysis are remembered");
        });
    }

    [Test]
    public async Task Check_passes_on_a_fresh_file_and_fails_with_TCR0008_on_a_stale_one_without_writing()
    {
        using var temp = new TempDirectory();
        // The chart's default Hubble TLS Secrets are Talos lint findings (TCR6007/TCR6008); this test is about check mode.
        string[] common = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "-o", "cilium-manifests.yaml", "--suppress", "TCR6007,TCR6008"];
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
            foreach (var option in new[] { "--chart", "--repo", "--version", "--release", "--namespace", "--preset", "--feature", "--values", "--set", "--kube-version", "--api-versions", "--helm", "--output", "--kustomization", "--layout", "--talos-version", "--suppress", "--lint-errors", "--no-lint" })
            {
                Assert.That(run.Output, Does.Contain(option));
            }
        });
    }

    [Test]
    public async Task Talos_layout_without_talos_version_is_TCR5001()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR5001", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--layout", "talos", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [Test]
    public async Task Unknown_layout_is_TCR0004()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR0004", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--layout", "folder", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }

    [Test]
    public async Task Talos_layout_prints_the_machine_config_patch_to_stdout()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version),
            "--layout", "talos", "--talos-version", "1.14");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Does.StartWith("# Talos 1.14 machine-config patch"));
            Assert.That(run.Output, Does.Contain("kind: KubeInlineManifestConfig"));
            Assert.That(run.Error, Does.Contain("warning TCR5010: "), "the patch is over the user-data limits");
        });
    }

    [Test]
    public async Task Talos_dns_forwarding_option_decides_TCR6011()
    {
        using var temp = new TempDirectory();
        string[] render = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--set", "bpf.masquerade=true", "--talos-version", "1.14", "-o", "cilium.yaml"];
        var on = await Cli.RunAsync(temp.Path, render);
        var off = await Cli.RunAsync(temp.Path, [.. render, "--talos-dns-forwarding", "off"]);

        Assert.Multiple(() =>
        {
            Assert.That(on.ExitCode, Is.Zero, on.ToString);
            Assert.That(on.Error, Does.Contain("warning TCR6011: "), "Talos 1.14 forwards kube-dns to host DNS by default");
            Assert.That(off.ExitCode, Is.Zero, off.ToString);
            Assert.That(off.Error, Does.Not.Contain("TCR6011"));
        });
    }

    [Test]
    public async Task Directory_layout_writes_a_folder_with_a_kustomization()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version),
            "--layout", "directory", "-o", "gitops/cilium");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Is.Empty);
            Assert.That(File.ReadAllText(temp.Combine("gitops", "cilium", "kustomization.yaml")), Does.Contain("- daemonset-cilium.yaml\n"));
        });
    }

    [Test]
    public async Task Directory_layout_needs_an_output_folder_TCR5004()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--layout", "directory", "--helm", temp.Combine("no-helm"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Contain("error TCR5004: "));
        });
    }

    [Test]
    public async Task Lint_warnings_are_printed_suppressible_and_errors_on_request()
    {
        using var temp = new TempDirectory();
        string[] render = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--set", "k8sServicePort=7446", "-o", "cilium.yaml"];

        var warned = await Cli.RunAsync(temp.Path, render);
        var suppressed = await Cli.RunAsync(temp.Path, [.. render, "--suppress", "TCR6004", "--suppress", "TCR6007,TCR6008"]);
        File.WriteAllText(temp.Combine("cilium.yaml"), Precious);
        var failed = await Cli.RunAsync(temp.Path, [.. render, "--lint-errors"]);

        Assert.Multiple(() =>
        {
            Assert.That(warned.ExitCode, Is.Zero, warned.ToString);
            Assert.That(warned.Error, Does.Match(@"cilium\.yaml\(\d+,\d+\): warning TCR6004: "), "points at the resource in the output file");
            Assert.That(suppressed.ExitCode, Is.Zero, suppressed.ToString);
            Assert.That(suppressed.Error, Is.Empty);
            Assert.That(failed.ExitCode, Is.Not.Zero);
            Assert.That(failed.Error, Does.Contain("error TCR6004: "));
            Assert.That(File.ReadAllText(temp.Combine("cilium.yaml")), Is.EqualTo(Precious), "a lint error writes nothing");
        });
    }

    [Test]
    public async Task Unknown_suppressed_code_is_TCR0004()
    {
        using var temp = new TempDirectory();
        await AssertFailsWithAsync("TCR0004", temp, "--chart", TestPaths.ChartArchive("1.18.1"), "--suppress", "TCR6999", "--helm", TestPaths.Helm(TestPaths.Helm3Version));
    }
}
