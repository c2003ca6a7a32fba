using System.Security.Cryptography;
using System.Text.Json;
using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartCacheTests
{
    [Test]
    public void Default_root_prefers_the_variable_resolved_against_the_working_directory() =>
        Assert.That(
            ChartCache.DefaultRoot(Environment("/work", new Dictionary<string, string>
            {
                [ChartCache.EnvironmentVariable] = "cache",
                ["XDG_CACHE_HOME"] = "/xdg",
                ["HOME"] = "/home/me",
            })),
            Is.EqualTo("/work/cache"));

    [Test]
    public void Root_is_the_configured_folder_else_the_default()
    {
        var environment = Environment("/work", new Dictionary<string, string> { ["HOME"] = "/home/me" });
        Assert.Multiple(() =>
        {
            Assert.That(ChartCache.RootFor("charts", environment), Is.EqualTo("/work/charts"));
            Assert.That(ChartCache.RootFor(null, environment), Is.EqualTo(ChartCache.DefaultRoot(environment)));
            Assert.That(ChartCache.RootFor("  ", environment), Is.EqualTo(ChartCache.DefaultRoot(environment)));
        });
    }

    [Test]
    public void Default_root_uses_XDG_CACHE_HOME_then_HOME()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ChartCache.DefaultRoot(Environment("/", new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "/xdg", ["HOME"] = "/home/me" })),
                Is.EqualTo("/xdg/talos-cilium/charts"));
            Assert.That(ChartCache.DefaultRoot(Environment("/", new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "relative", ["HOME"] = "/home/me" })),
                Is.EqualTo("/home/me/.cache/talos-cilium/charts"), "a relative XDG_CACHE_HOME is invalid per the XDG spec");
            Assert.That(ChartCache.DefaultRoot(Environment("/", new Dictionary<string, string> { ["HOME"] = "/home/me" })),
                Is.EqualTo("/home/me/.cache/talos-cilium/charts"));
        });
    }

    [Test]
    public async Task AddArchive_files_the_chart_under_the_key_a_download_from_the_default_repository_would_get()
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Combine("cache"));
        var archive = TestPaths.ChartArchive("1.18.1");

        var result = await cache.AddArchiveAsync(archive, null, CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, () => result.Diagnostic!.ToString());
        var entry = result.Entry!;
        var hex = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(archive))).ToLowerInvariant();
        var key = ChartSource.Parse("cilium", null, "1.18.1", Environment("/")).CacheKey!;
        var refFile = cache.RefPath(key);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(refFile));
        Assert.Multiple(() =>
        {
            Assert.That(entry, Is.EqualTo(new ChartCacheEntry("https://helm.cilium.io cilium 1.18.1", "cilium", "1.18.1", "sha256:" + hex,
                temp.Combine("cache", "blobs", "sha256", hex + ".tgz"))));
            Assert.That(File.ReadAllBytes(entry.BlobPath), Is.EqualTo(File.ReadAllBytes(archive)));
            Assert.That(json.RootElement.GetProperty("key").GetString(), Is.EqualTo(key));
            Assert.That(json.RootElement.GetProperty("digest").GetString(), Is.EqualTo("sha256:" + hex));
            Assert.That(Directory.GetFiles(temp.Combine("cache"), "*.tmp", SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public async Task Added_archives_are_found_by_key_and_adding_twice_is_harmless()
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Path);
        var first = await cache.AddArchiveAsync(TestPaths.ChartArchive("1.17.18"), "https://charts.example/stable/", CancellationToken.None);
        var second = await cache.AddArchiveAsync(TestPaths.ChartArchive("1.17.18"), "https://charts.example/stable", CancellationToken.None);

        var hit = await cache.TryGetAsync("https://charts.example/stable cilium 1.17.18", CancellationToken.None);
        var miss = await cache.TryGetAsync("https://helm.cilium.io cilium 1.17.18", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(second.Entry, Is.EqualTo(first.Entry));
            Assert.That(hit, Is.EqualTo(first.Entry));
            Assert.That(miss, Is.Null);
        });
    }

    [TestCase("oci://quay.io/cilium/charts")]
    [TestCase("oci://quay.io/cilium/charts/cilium")]
    public async Task AddArchive_accepts_an_oci_registry_path_or_chart_reference(string repository)
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Path);

        var result = await cache.AddArchiveAsync(TestPaths.ChartArchive("1.19.6"), repository, CancellationToken.None);

        Assert.That(result.Entry?.Key, Is.EqualTo(ChartSource.Parse("oci://quay.io/cilium/charts/cilium", null, "1.19.6", Environment("/")).CacheKey));
    }

    [Test]
    public async Task A_blob_whose_bytes_changed_is_a_miss()
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Path);
        var entry = (await cache.AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), null, CancellationToken.None)).Entry!;
        await File.AppendAllTextAsync(entry.BlobPath, "tampered");

        Assert.That(await cache.TryGetAsync(entry.Key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_damaged_ref_file_is_a_miss()
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Path);
        var entry = (await cache.AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), null, CancellationToken.None)).Entry!;
        await File.WriteAllTextAsync(cache.RefPath(entry.Key), "{ not json");

        Assert.That(await cache.TryGetAsync(entry.Key, CancellationToken.None), Is.Null);
    }

    [TestCase("not-a-chart", "TCR1009")]
    [TestCase("missing", "TCR1005")]
    [TestCase("folder", "TCR1009")]
    [TestCase("bad-repo", "TCR0004")]
    [TestCase("cache-is-a-file", "TCR1013")]
    public async Task Failures_are_results_with_a_diagnostic_not_exceptions(string kind, string code)
    {
        using var temp = new TempDirectory();
        var root = temp.Combine("cache");
        var archive = TestPaths.ChartArchive("1.18.1");
        string? repository = null;
        switch (kind)
        {
            case "not-a-chart":
                archive = temp.WriteFile("x.tgz", "nope");
                break;
            case "missing":
                archive = temp.Combine("missing.tgz");
                break;
            case "folder":
                archive = Directory.CreateDirectory(temp.Combine("chart")).FullName;
                break;
            case "bad-repo":
                repository = "not a url";
                break;
            default:
                File.WriteAllText(root, "a file where the cache folder should be");
                break;
        }

        var result = await new ChartCache(root).AddArchiveAsync(archive, repository, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Entry, Is.Null);
            Assert.That(result.Diagnostic?.Code, Is.EqualTo(code));
        });
    }

    [TestCase(2000)]
    [TestCase(114435)]
    [TestCase(-1)]
    public async Task A_truncated_archive_is_not_filed_and_the_good_entry_for_its_chart_stays(int length)
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Combine("cache"));
        var good = (await cache.AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), null, CancellationToken.None)).Entry!;
        var refBefore = await File.ReadAllBytesAsync(cache.RefPath(good.Key));
        var filesBefore = Directory.GetFiles(cache.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var truncated = temp.Combine("cilium-1.18.1.tgz");
        await File.WriteAllBytesAsync(truncated, ChartArchiveTests.Truncated(length));

        var result = await cache.AddArchiveAsync(truncated, null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(result.Diagnostic?.Code, Is.EqualTo("TCR1020"));
            Assert.That(result.Diagnostic?.Message, Does.Contain($"'{truncated}'"), "names the file at fault");
            Assert.That(Directory.GetFiles(cache.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), Is.EqualTo(filesBefore), "nothing filed, no temporary left");
            Assert.That(await File.ReadAllBytesAsync(cache.RefPath(good.Key)), Is.EqualTo(refBefore));
            Assert.That(await cache.TryGetAsync(good.Key, CancellationToken.None), Is.EqualTo(good), "the good archive is still what renders get");
        });
    }

    [TestCase("cilium-1.18.2.tgz", "TCR1022")]
    [TestCase("hubble-1.18.1.tgz", "TCR1022")]
    [TestCase("cilium-v1.18.1.tgz", "TCR1022")]
    [TestCase("cilium.tgz", null)]
    [TestCase("cilium-latest.tgz", null)]
    [TestCase("cilium-1.18.1.tgz", null)]
    public async Task A_file_named_for_another_chart_or_version_is_refused(string fileName, string? code)
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine(fileName);
        File.Copy(TestPaths.ChartArchive("1.18.1"), archive);
        var cache = new ChartCache(temp.Combine("cache"));

        var result = await cache.AddArchiveAsync(archive, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostic?.Code, Is.EqualTo(code));
            Assert.That(result.Entry?.Version, Is.EqualTo(code is null ? "1.18.1" : null));
            if (code is not null)
            {
                Assert.That(result.Diagnostic!.Message, Does.Contain("its Chart.yaml says 'cilium' version '1.18.1'"));
                Assert.That(Directory.GetFiles(cache.Root, "*", SearchOption.AllDirectories), Is.Empty, "nothing filed");
            }
        });
    }

    [TestCase("/dev/zero", "TCR1009")]
    [TestCase("empty", "TCR1020")]
    [TestCase("folder", "TCR1009")]
    public async Task Devices_empty_files_and_folders_are_refused_at_once(string kind, string code)
    {
        using var temp = new TempDirectory();
        var archive = kind switch
        {
            "empty" => temp.WriteFile("cilium-1.18.1.tgz", string.Empty),
            "folder" => Directory.CreateDirectory(temp.Combine("cilium")).FullName,
            _ => kind,
        };
        var cache = new ChartCache(temp.Combine("cache"));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await cache.AddArchiveAsync(archive, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostic?.Code, Is.EqualTo(code));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "never reads on and on");
            Assert.That(Directory.Exists(cache.Root) ? Directory.GetFiles(cache.Root, "*", SearchOption.AllDirectories) : [], Is.Empty, "nothing filed");
        });
    }
}
