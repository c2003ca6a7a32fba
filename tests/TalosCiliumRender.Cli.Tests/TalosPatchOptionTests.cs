namespace TalosCiliumRender.Cli.Tests;

public sealed class TalosPatchOptionTests
{
    [Test]
    public async Task Render_writes_the_output_and_the_talos_patch_and_check_fails_when_the_patch_is_stale()
    {
        using var temp = new TempDirectory();
        string[] common =
        [
            "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"),
            "-o", "cilium-manifests.yaml", "--talos-patch", "talos/cilium-patch.yaml", "--talos-version", "1.13", "--suppress", "TCR6007,TCR6008,TCR5010",
        ];
        Directory.CreateDirectory(temp.Combine("talos"));

        var write = await Cli.RunAsync(temp.Path, common);
        var fresh = await Cli.RunAsync(temp.Path, [.. common, "--check"]);
        var patch = temp.Combine("talos", "cilium-patch.yaml");
        File.WriteAllText(patch, File.ReadAllText(patch).Replace("name: none", "name: flannel", StringComparison.Ordinal));
        var stale = await Cli.RunAsync(temp.Path, [.. common, "--check"]);

        Assert.Multiple(() =>
        {
            Assert.That(write.ExitCode, Is.Zero, write.ToString);
            Assert.That(File.ReadAllText(temp.Combine("cilium-manifests.yaml")), Does.Contain("kind: DaemonSet"));
            Assert.That(File.ReadAllText(patch), Does.Contain("inlineManifests:"));
            Assert.That(fresh.ExitCode, Is.Zero, fresh.ToString);
            Assert.That(stale.ExitCode, Is.EqualTo(1), stale.ToString);
            Assert.That(stale.Error, Does.Contain("error TCR0008: "));
        });
    }

    [Test]
    public async Task A_talos_patch_without_a_talos_version_is_refused_before_helm()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", temp.Combine("no-helm"), "-o", "out.yaml", "--talos-patch", "patch.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
            Assert.That(run.Error, Does.Contain("TCR5001"));
        });
    }
}
