using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Tests.Pem;
using TalosCiliumRender.Core.Tests.Helm;

namespace TalosCiliumRender.Core.Tests.Rendering;

/// <summary>Check mode and the write-mode comparison, with FakeHelm printing a controlled render.</summary>
public sealed class CheckModeTests
{
    private const string DaemonSet = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\nspec:\n  image: cilium:v1\n";

    private static async Task<RenderResult> RenderAsync(TempDirectory temp, string helmOutput, OutputMode mode, string? outputPath = "cilium-manifests.yaml")
    {
        var fixture = temp.WriteFile($"helm-output-{Guid.NewGuid():N}.yaml", helmOutput);
        var helm = HelmTestSupport.FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_OUTPUT"] = fixture });
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = helm,
            OutputPath = outputPath,
            Mode = mode,
            ChartCacheDirectory = temp.Combine("cache"),
        };
        return await new ManifestRenderer(RenderEnvironment.FromProcess() with { WorkingDirectory = temp.Path }).RenderAsync(request);
    }

    [Test]
    public async Task Check_of_a_missing_file_is_TCR0008_and_creates_nothing()
    {
        using var temp = new TempDirectory();
        var result = await RenderAsync(temp, DaemonSet, OutputMode.Check);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Stale));
            Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR0008" }));
            Assert.That(result.Diagnostics[0].File, Is.EqualTo("cilium-manifests.yaml"));
            Assert.That(File.Exists(temp.Combine("cilium-manifests.yaml")), Is.False);
        });
    }

    [Test]
    public async Task Check_passes_on_the_written_file_and_fails_on_a_stale_one_without_touching_it()
    {
        using var temp = new TempDirectory();
        var written = await RenderAsync(temp, DaemonSet, OutputMode.Write);
        var upToDate = await RenderAsync(temp, DaemonSet, OutputMode.Check);
        var path = temp.Combine("cilium-manifests.yaml");
        var before = File.GetLastWriteTimeUtc(path);
        var stale = await RenderAsync(temp, DaemonSet.Replace("cilium:v1", "cilium:v2", StringComparison.Ordinal), OutputMode.Check);

        Assert.Multiple(() =>
        {
            Assert.That(written.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That((upToDate.Succeeded, upToDate.Output), Is.EqualTo((true, OutputStatus.UpToDate)));
            Assert.That(upToDate.Diagnostics, Is.Empty);
            Assert.That((stale.Succeeded, stale.Output), Is.EqualTo((false, OutputStatus.Stale)));
            Assert.That(stale.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR0008" }));
            Assert.That(stale.Differences.Single(), Is.EqualTo(new ResourceDifference(ResourceChange.Changed, new ResourceIdentity("apps/v1", "DaemonSet", "kube-system", "cilium"), ["spec.image"])).Using<ResourceDifference>((a, b) => a.ToString() == b.ToString()));
            Assert.That(stale.Diagnostics[0].Message, Does.Contain("spec.image"));
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(before));
            Assert.That(File.ReadAllText(path), Does.Contain("cilium:v1"));
        });
    }

    [Test]
    public async Task Check_of_a_file_that_is_not_YAML_is_TCR0008_with_its_position()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("cilium-manifests.yaml", "a: [\n");
        var result = await RenderAsync(temp, DaemonSet, OutputMode.Check);

        Assert.That(result.Diagnostics.Select(d => (d.Code, d.File, d.Line.HasValue)), Is.EqualTo(new[] { ("TCR0008", (string?)"cilium-manifests.yaml", true) }));
    }

    [Test]
    public async Task Check_without_an_output_path_is_TCR0004()
    {
        using var temp = new TempDirectory();
        var result = await RenderAsync(temp, DaemonSet, OutputMode.Check, outputPath: null);
        Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR0004" }));
    }

    [Test]
    public async Task Regenerated_certificates_neither_fail_the_check_nor_rewrite_the_file()
    {
        using var temp = new TempDirectory();
        var first = TestPki.FreshBase64();
        var second = TestPki.FreshBase64();
        await RenderAsync(temp, DaemonSet + "---\n" + TestPki.CaSecret("cilium-ca", first.Certificate, first.Key), OutputMode.Write);
        var path = temp.Combine("cilium-manifests.yaml");
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        var before = File.ReadAllBytes(path);

        var regenerated = DaemonSet + "---\n" + TestPki.CaSecret("cilium-ca", second.Certificate, second.Key);
        var check = await RenderAsync(temp, regenerated, OutputMode.Check);
        var write = await RenderAsync(temp, regenerated, OutputMode.Write);

        Assert.Multiple(() =>
        {
            Assert.That(check.Output, Is.EqualTo(OutputStatus.UpToDate), () => string.Join('\n', check.Diagnostics));
            Assert.That(write.Output, Is.EqualTo(OutputStatus.Unchanged));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp));
        });
    }

    [Test]
    public async Task A_real_change_rewrites_the_file_and_reports_what_changed()
    {
        using var temp = new TempDirectory();
        await RenderAsync(temp, DaemonSet, OutputMode.Write);
        var result = await RenderAsync(temp, DaemonSet.Replace("cilium:v1", "cilium:v2", StringComparison.Ordinal), OutputMode.Write);

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(result.Differences.Select(d => d.ToString()), Is.EqualTo(new[] { "changed apps/v1 DaemonSet kube-system/cilium: spec.image" }));
            Assert.That(File.ReadAllText(temp.Combine("cilium-manifests.yaml")), Does.Contain("cilium:v2"));
        });
    }

    [Test]
    public async Task Real_helm_render_with_hubble_certificates_passes_its_own_check()
    {
        // The chart's default (hubble TLS, method helm) generates a new CA and certificates on every render.
        using var temp = new TempDirectory();
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            Features = ["hubble-relay"],
            OutputPath = "cilium-manifests.yaml",
            ChartCacheDirectory = temp.Combine("cache"),
        };
        var renderer = new ManifestRenderer(RenderEnvironment.FromProcess() with { WorkingDirectory = temp.Path });
        var written = await renderer.RenderAsync(request);
        var check = await renderer.RenderAsync(request with { Mode = OutputMode.Check });

        Assert.Multiple(() =>
        {
            Assert.That(written.Output, Is.EqualTo(OutputStatus.Written), () => string.Join('\n', written.Diagnostics));
            Assert.That(written.Manifest, Does.Contain("name: hubble-relay-client-certs"));
            Assert.That(check.Output, Is.EqualTo(OutputStatus.UpToDate), () => string.Join('\n', check.Diagnostics));
            Assert.That(check.Manifest, Is.EqualTo(written.Manifest), "the generated certificates are carried over from the file");
        });
    }
}
