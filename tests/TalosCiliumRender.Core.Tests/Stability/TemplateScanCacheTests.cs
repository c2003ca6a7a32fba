using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>Issue 12: a chart's template scan is kept by content digest, never served for other content, and a bad file is only a miss.</summary>
public sealed class TemplateScanCacheTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string OtherDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static readonly ChartTemplateScan Found = new(new Dictionary<string, IReadOnlySet<string>>
    {
        ["cilium/templates/hubble/tls-helm/server-secret.yaml"] = new SortedSet<string>(["genCA", "genSignedCert"], StringComparer.Ordinal),
    });

    [Test]
    public async Task A_second_lookup_of_the_same_digest_is_served_from_the_file()
    {
        using var temp = new TempDirectory();
        var cache = new TemplateScanCache(temp.Path);
        var scans = 0;
        Task<ChartTemplateScan> Scan(CancellationToken _) => Task.FromResult(++scans == 1 ? Found : ChartTemplateScan.Empty);

        var first = await cache.GetOrScanAsync(Digest, Scan, CancellationToken.None);
        var second = await cache.GetOrScanAsync(Digest, Scan, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(scans, Is.EqualTo(1));
            Assert.That(File.Exists(cache.PathFor(Digest)), Is.True);
            Assert.That(second.Generators.Keys, Is.EqualTo(first.Generators.Keys));
            Assert.That(second.GeneratorsOf("cilium/templates/hubble/tls-helm/server-secret.yaml"), Is.EquivalentTo(new[] { "genCA", "genSignedCert" }));
        });
    }

    [Test]
    public async Task Another_digest_is_never_served_an_earlier_scan()
    {
        using var temp = new TempDirectory();
        var cache = new TemplateScanCache(temp.Path);
        await cache.GetOrScanAsync(Digest, _ => Task.FromResult(Found), CancellationToken.None);

        // Even a file copied under the other digest's name says which digest it is for.
        File.Copy(cache.PathFor(Digest), cache.PathFor(OtherDigest));
        var scans = 0;
        var other = await cache.GetOrScanAsync(OtherDigest, _ => { scans++; return Task.FromResult(ChartTemplateScan.Empty); }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(scans, Is.EqualTo(1));
            Assert.That(other.Generators, Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("{not json")]
    [TestCase("{\"format\":1}")]
    [TestCase("{\"format\":0,\"build\":\"x\",\"digest\":\"" + Digest + "\",\"generators\":{}}")]
    [TestCase("[1,2,3]")]
    public async Task A_damaged_or_old_file_is_ignored_and_replaced(string content)
    {
        using var temp = new TempDirectory();
        var cache = new TemplateScanCache(temp.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathFor(Digest))!);
        File.WriteAllText(cache.PathFor(Digest), content);

        var scans = 0;
        var scan = await cache.GetOrScanAsync(Digest, _ => { scans++; return Task.FromResult(Found); }, CancellationToken.None);
        var again = await cache.GetOrScanAsync(Digest, _ => { scans++; return Task.FromResult(Found); }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(scans, Is.EqualTo(1), "recomputed once, then served from the rewritten file");
            Assert.That(scan.Generators.Keys, Is.EqualTo(Found.Generators.Keys));
            Assert.That(again.Generators.Keys, Is.EqualTo(Found.Generators.Keys));
        });
    }

    [Test]
    public async Task A_cache_folder_that_cannot_be_written_is_no_error()
    {
        using var temp = new TempDirectory();
        var blocked = temp.WriteFile("blocked", "a file where the folder would be");
        var cache = new TemplateScanCache(blocked);

        var scan = await cache.GetOrScanAsync(Digest, _ => Task.FromResult(Found), CancellationToken.None);

        Assert.That(scan, Is.SameAs(Found));
    }

    [Test]
    public async Task A_warm_render_uses_the_cached_scan_and_writes_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("cilium.yaml");
        var seeded = await new ChartCache(temp.Combine("cache")).AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), null, CancellationToken.None);
        Assert.That(seeded.Succeeded, Is.True, () => seeded.Diagnostic?.ToString() ?? string.Empty);
        var request = new RenderRequest
        {
            Chart = "cilium",
            Version = "1.18.1",
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            Features = ["hubble", "hubble-relay", "hubble-ui"],
            OutputPath = output,
            ChartCacheDirectory = temp.Combine("cache"),
        };

        var cold = await new ManifestRenderer().RenderAsync(request);
        Assert.That(cold.Succeeded, Is.True, () => string.Join('\n', cold.Diagnostics));
        var cache = new TemplateScanCache(temp.Combine("cache"));
        var scanFile = cache.PathFor(cold.Chart!.Digest!);
        Assert.That(File.Exists(scanFile), Is.True, "the scan is kept under the chart cache");
        var committed = File.ReadAllBytes(output);
        var written = File.GetLastWriteTimeUtc(scanFile);

        var warm = await new ManifestRenderer().RenderAsync(request);
        Assert.Multiple(() =>
        {
            Assert.That(warm.Succeeded, Is.True, () => string.Join('\n', warm.Diagnostics));
            Assert.That(File.GetLastWriteTimeUtc(scanFile), Is.EqualTo(written), "served, not rewritten (a miss rewrites it)");
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(committed), "carry-over keeps the generated certificates");
        });
    }

    [Test]
    public async Task A_local_archive_keeps_its_scan_by_digest()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("cilium-1.18.1.tgz");
        File.Copy(TestPaths.ChartArchive("1.18.1"), archive);
        var request = new RenderRequest
        {
            Chart = archive,
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            Features = ["hubble"],
            ChartCacheDirectory = temp.Combine("cache"),
        };

        var result = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics));
            Assert.That(result.Chart!.Digest, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(File.Exists(new TemplateScanCache(temp.Combine("cache")).PathFor(result.Chart.Digest!)), Is.True);
        });
    }

    [Test]
    public async Task An_edited_chart_folder_is_scanned_again_and_its_new_generator_is_seen()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.Combine("chart")).FullName;
        await using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(TestPaths.ChartArchive("1.18.1")), System.IO.Compression.CompressionMode.Decompress))
        {
            await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(gzip, folder, overwriteFiles: false);
        }

        var chart = Path.Combine(folder, "cilium");
        var cache = new TemplateScanCache(temp.Combine("cache"));
        var request = new RenderRequest
        {
            Chart = chart,
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            ChartCacheDirectory = temp.Combine("cache"),
            OutputPath = temp.Combine("cilium.yaml"),
        };
        var before = await new ManifestRenderer().RenderAsync(request);
        Assert.That(before.Succeeded, Is.True, () => string.Join('\n', before.Diagnostics));
        var firstDigest = await ChartContentDigest.ComputeAsync(chart, CancellationToken.None);
        Assert.That(File.Exists(cache.PathFor(firstDigest)), Is.True, "a folder chart's scan is kept by its content digest");

        // A new template that generates a key on every render: only a fresh scan knows it is generated, so a stale scan
        // would let the non-idempotency guard stay silent.
        File.WriteAllText(Path.Combine(chart, "templates", "zz-generated.yaml"), """
            apiVersion: v1
            kind: Secret
            metadata:
              name: zz-generated
              namespace: {{ .Release.Namespace }}
            data:
              key: {{ randAlphaNum 32 | b64enc }}
            """);
        var after = await new ManifestRenderer().RenderAsync(request with { OutputPath = temp.Combine("after.yaml") });
        var secondDigest = await ChartContentDigest.ComputeAsync(chart, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(secondDigest, Is.Not.EqualTo(firstDigest));
            Assert.That(File.Exists(cache.PathFor(secondDigest)), Is.True, "the edited chart was scanned again");
            Assert.That(after.Diagnostics.Select(d => d.Code), Has.Member(DiagnosticCodes.NonIdempotentOutput), () => string.Join('\n', after.Diagnostics));
        });
    }
}
