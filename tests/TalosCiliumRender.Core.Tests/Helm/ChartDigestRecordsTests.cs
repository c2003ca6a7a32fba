using System.Security.Cryptography;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Tests.Stability;

namespace TalosCiliumRender.Core.Tests.Helm;

/// <summary>
/// A local archive's digest is remembered per file identity, so a warm render hashes nothing before helm starts; the
/// remembered digest is only a claim, checked while helm runs, and a wrong one never decides anything.
/// </summary>
public sealed class ChartDigestRecordsTests
{
    private static string DigestOf(string path) => "sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    private static RenderRequest Request(TempDirectory temp, string version, string output, params string[] set) => new()
    {
        Chart = TestPaths.ChartArchive(version),
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        ChartCacheDirectory = temp.Combine("cache"),
        OutputPath = output,
        SetValues = set,
    };

    private static async Task LieAsync(TempDirectory temp, string version, string claimed)
    {
        var identity = FileIdentity.Of(TestPaths.ChartArchive(version))!;
        await new ChartDigestRecords(temp.Combine("cache")).TryWriteAsync(identity, claimed, CancellationToken.None);
    }

    [Test]
    public async Task A_render_remembers_the_archive_digest_and_a_warm_render_reports_the_same()
    {
        using var temp = new TempDirectory();
        var archive = TestPaths.ChartArchive("1.18.1");
        var records = new ChartDigestRecords(temp.Combine("cache"));

        var cold = await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", temp.Combine("out.yaml")));
        var remembered = await records.TryReadAsync(FileIdentity.Of(archive)!, CancellationToken.None);
        var warm = await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", temp.Combine("out.yaml")));

        Assert.Multiple(() =>
        {
            Assert.That(cold.Succeeded && warm.Succeeded, Is.True, () => string.Join('\n', cold.Diagnostics.Concat(warm.Diagnostics)));
            Assert.That(remembered, Is.EqualTo(DigestOf(archive)));
            Assert.That(warm.Chart!.Digest, Is.EqualTo(DigestOf(archive)));
            Assert.That(warm.Output, Is.EqualTo(OutputStatus.Unchanged));
        });
    }

    [Test]
    public async Task A_record_naming_another_chart_renders_this_chart_with_its_own_digest_and_fixes_the_record()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("out.yaml");
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.19.6", temp.Combine("other.yaml")))).Succeeded, Is.True);
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", output))).Succeeded, Is.True);
        var committed = File.ReadAllText(output);
        await LieAsync(temp, "1.18.1", DigestOf(TestPaths.ChartArchive("1.19.6")));

        var result = await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", output));

        var remembered = await new ChartDigestRecords(temp.Combine("cache")).TryReadAsync(FileIdentity.Of(TestPaths.ChartArchive("1.18.1"))!, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics));
            Assert.That(result.Chart!.Digest, Is.EqualTo(DigestOf(TestPaths.ChartArchive("1.18.1"))));
            Assert.That(File.ReadAllText(output), Is.EqualTo(committed), "the header names the real digest, as before");
            Assert.That(remembered, Is.EqualTo(DigestOf(TestPaths.ChartArchive("1.18.1"))), "the record is corrected");
        });
    }

    [Test]
    public async Task A_value_the_other_chart_lacks_is_not_refused_because_of_a_wrong_record()
    {
        // customCalls.enabled is a value of cilium 1.18.1 that 1.19.6 no longer reads: with 1.19.6's model the check would
        // refuse it before helm runs.
        using var temp = new TempDirectory();
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.19.6", temp.Combine("other.yaml")))).Succeeded, Is.True);
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", temp.Combine("out.yaml")))).Succeeded, Is.True);
        await LieAsync(temp, "1.18.1", DigestOf(TestPaths.ChartArchive("1.19.6")));

        var result = await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", temp.Combine("out.yaml"), "customCalls.enabled=false"));

        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty);
    }

    [Test]
    public async Task A_value_only_the_other_chart_reads_is_still_refused_and_nothing_is_written()
    {
        // standaloneDnsProxy.enabled is new in cilium 1.19: 1.19.6's model accepts it, so the check passes before helm;
        // the digest checked while helm runs shows the model was the wrong one, and the render is done again.
        using var temp = new TempDirectory();
        var output = temp.Combine("out.yaml");
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.19.6", temp.Combine("other.yaml")))).Succeeded, Is.True);
        Assert.That((await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", output))).Succeeded, Is.True);
        var committed = File.ReadAllBytes(output);
        await LieAsync(temp, "1.18.1", DigestOf(TestPaths.ChartArchive("1.19.6")));

        var result = await new ManifestRenderer().RenderAsync(Request(temp, "1.18.1", output, "standaloneDnsProxy.enabled=true"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.UnknownValue }));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(committed));
        });
    }

    [Test]
    public async Task A_changed_archive_is_hashed_again_and_never_served_the_old_digest()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("cilium-1.18.1.tgz");
        File.Copy(TestPaths.ChartArchive("1.18.1"), archive);
        var request = Request(temp, "1.18.1", temp.Combine("out.yaml")) with { Chart = archive };
        Assert.That((await new ManifestRenderer().RenderAsync(request)).Succeeded, Is.True);

        // Another chart's bytes at the same path: a new identity (size, times), so the record does not apply.
        File.Copy(TestPaths.ChartArchive("1.19.6"), archive, overwrite: true);
        var result = await new ManifestRenderer().RenderAsync(request with { Version = null });

        Assert.Multiple(() =>
        {
            Assert.That(result.Chart!.Version, Is.EqualTo("1.19.6"));
            Assert.That(result.Chart.Digest, Is.EqualTo(DigestOf(TestPaths.ChartArchive("1.19.6"))));
        });
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("{\"key\":\"another file\",\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}")]
    [TestCase("{\"key\":\"KEY\",\"digest\":\"md5:00\"}")]
    [TestCase("{\"key\":\"KEY\",\"digest\":\"sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\"}")]
    public async Task A_damaged_or_foreign_record_is_a_miss(string content)
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("chart.tgz", "bytes");
        var identity = FileIdentity.Of(file)!;
        var records = new ChartDigestRecords(temp.Combine("cache"));
        Directory.CreateDirectory(Path.GetDirectoryName(records.RecordPath(identity))!);
        File.WriteAllText(records.RecordPath(identity), content.Replace("KEY", identity.Key.Replace("\n", "\\n", StringComparison.Ordinal), StringComparison.Ordinal));

        Assert.That(await records.TryReadAsync(identity, CancellationToken.None), Is.Null);
    }
}
