using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartResolverTests
{
    [Test]
    public async Task A_local_archive_resolves_without_running_helm()
    {
        using var temp = new TempDirectory();
        var (helm, record) = RecordingFakeHelm(temp);
        using var _ = helm;
        var resolver = new ChartResolver(helm, new ChartCache(temp.Combine("cache")));
        var archive = TestPaths.ChartArchive("1.17.18");

        var resolved = await resolver.ResolveAsync(ChartSource.Parse(archive, null, "1.17.18", Environment(temp.Path)), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(resolved.LocalPath, Is.EqualTo(archive));
            Assert.That(resolved.Metadata.Version, Is.EqualTo("1.17.18"));
            Assert.That(resolved.Digest, Is.Null, "a local chart is hashed while helm runs, not before");
            Assert.That(resolved.IsFolder, Is.False);
            Assert.That(resolved.Source, Is.EqualTo(archive));
            Assert.That(resolved.Downloaded, Is.False);
            Assert.That(ReadRecord(record), Is.Empty);
            Assert.That(Directory.Exists(temp.Combine("cache")), Is.False, "local charts are not cached");
        });
        Assert.That(await resolved.ContentDigestAsync(CancellationToken.None), Does.Match("^sha256:[0-9a-f]{64}$"));
    }

    [Test]
    public async Task A_chart_folder_has_no_digest()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("mychart/Chart.yaml", "name: mychart\nversion: 0.1.0\n");
        var (helm, _) = RecordingFakeHelm(temp);
        using var __ = helm;

        var resolved = await new ChartResolver(helm, new ChartCache(temp.Combine("cache")))
            .ResolveAsync(ChartSource.Parse("./mychart", null, null, Environment(temp.Path)), CancellationToken.None);

        Assert.That(resolved.Digest, Is.Null);
    }

    [Test]
    public void A_local_chart_of_another_version_is_TCR1008()
    {
        using var temp = new TempDirectory();
        var (helm, _) = RecordingFakeHelm(temp);
        using var __ = helm;
        var source = ChartSource.Parse(TestPaths.ChartArchive("1.17.18"), null, "1.18.1", Environment(temp.Path));

        var diagnostic = Diagnose(() => new ChartResolver(helm, new ChartCache(temp.Combine("cache"))).ResolveAsync(source, CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1008"));
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task A_repository_chart_is_downloaded_once_then_served_from_the_cache_without_network_or_helm(string version)
    {
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        using var temp = new TempDirectory();
        var env = Environment(temp.Path);
        var cache = new ChartCache(temp.Combine("cache"));
        var source = ChartSource.Parse("cilium", repository.Url, "1.19.6", env);

        ResolvedChart first;
        using (var helm = new HelmCli(await HelmLocator.LocateAsync(TestPaths.Helm(version), env, CancellationToken.None), TimeSpan.FromMinutes(2), env))
        {
            first = await new ChartResolver(helm, cache).ResolveAsync(source, CancellationToken.None);
        }

        var requestsAfterDownload = repository.TotalRequests;
        var (fake, record) = RecordingFakeHelm(temp);
        ResolvedChart second;
        using (fake)
        {
            second = await new ChartResolver(fake, cache).ResolveAsync(source, CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.Downloaded, Is.True);
            Assert.That(repository.RequestCount("/cilium-1.19.6.tgz"), Is.EqualTo(1));
            Assert.That(first.Metadata, Is.EqualTo(new ChartMetadata("cilium", "1.19.6", "1.19.6")));
            Assert.That(first.LocalPath, Does.StartWith(cache.Root + Path.DirectorySeparatorChar));
            Assert.That(File.ReadAllBytes(first.LocalPath), Is.EqualTo(File.ReadAllBytes(TestPaths.ChartArchive("1.19.6"))));
            Assert.That(first.Source, Is.EqualTo($"{repository.Url} cilium 1.19.6"));

            Assert.That(second.Downloaded, Is.False);
            Assert.That(repository.TotalRequests, Is.EqualTo(requestsAfterDownload), "a cache hit must not contact the repository");
            Assert.That(ReadRecord(record), Is.Empty, "a cache hit must not run helm");
            Assert.That(second with { Downloaded = true }, Is.EqualTo(first));
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task An_unknown_version_is_TCR1006_listing_the_available_versions(string version)
    {
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        using var temp = new TempDirectory();
        var env = Environment(temp.Path);
        using var helm = new HelmCli(await HelmLocator.LocateAsync(TestPaths.Helm(version), env, CancellationToken.None), TimeSpan.FromMinutes(2), env);

        var diagnostic = Diagnose(() => new ChartResolver(helm, new ChartCache(temp.Combine("cache")))
            .ResolveAsync(ChartSource.Parse("cilium", repository.Url, "9.9.9", env), CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1006"));
            Assert.That(diagnostic.Message, Does.Contain("1.19.6, 1.18.1, 1.17.18"));
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task An_unreachable_repository_is_TCR1007(string version)
    {
        using var temp = new TempDirectory();
        var env = Environment(temp.Path);
        using var helm = new HelmCli(await HelmLocator.LocateAsync(TestPaths.Helm(version), env, CancellationToken.None), TimeSpan.FromMinutes(2), env);

        var diagnostic = Diagnose(() => new ChartResolver(helm, new ChartCache(temp.Combine("cache")))
            .ResolveAsync(ChartSource.Parse("cilium", LoopbackChartRepository.UnreachableUrl(), "1.19.6", env), CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1007"));
    }

    [Test]
    public async Task A_pre_seeded_cache_resolves_with_no_server_at_all()
    {
        using var temp = new TempDirectory();
        var env = Environment(temp.Path);
        var offline = LoopbackChartRepository.UnreachableUrl();
        var cache = new ChartCache(temp.Combine("cache"));
        var seeded = await cache.AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), offline, CancellationToken.None);
        var (helm, record) = RecordingFakeHelm(temp);
        using var _ = helm;

        var resolved = await new ChartResolver(helm, cache).ResolveAsync(ChartSource.Parse("cilium", offline + "/", "1.18.1", env), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(resolved.LocalPath, Is.EqualTo(seeded.Entry!.BlobPath));
            Assert.That(resolved.Digest, Is.EqualTo(seeded.Entry.Digest));
            Assert.That(resolved.Downloaded, Is.False);
            Assert.That(ReadRecord(record), Is.Empty);
        });
    }

    private static (HelmCli Helm, string Record) RecordingFakeHelm(TempDirectory temp)
    {
        var record = temp.Combine("fake-helm-record.jsonl");
        var script = FakeHelmScript(temp.Combine("fake"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record });
        return (new HelmCli(FakeTool(script), TimeSpan.FromMinutes(1), Environment(temp.Path)), record);
    }
}
