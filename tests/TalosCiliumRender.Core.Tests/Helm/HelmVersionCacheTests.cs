using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Rendering;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Helm;

/// <summary>helm's version is remembered per binary, so a warm render starts one helm process, and never for a changed binary.</summary>
public sealed class HelmVersionCacheTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Test]
    public async Task The_second_render_starts_exactly_one_helm_process()
    {
        using var temp = new TempDirectory();
        var log = temp.Combine("helm-calls.log");
        var wrapper = LoggingHelm.Create(temp.Combine("bin"), TestPaths.Helm(TestPaths.Helm3Version), log);
        var request = new RenderRequest { Chart = TestPaths.ChartArchive("1.18.1"), HelmPath = wrapper, ChartCacheDirectory = temp.Combine("cache") };

        var first = await new ManifestRenderer().RenderAsync(request);
        var callsOfFirst = File.ReadAllLines(log);
        var second = await new ManifestRenderer().RenderAsync(request);
        var callsOfSecond = File.ReadAllLines(log)[callsOfFirst.Length..];

        TestContext.Out.WriteLine($"first render: {callsOfFirst.Length} helm processes, second: {callsOfSecond.Length}");
        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.True, () => string.Join('\n', first.Diagnostics));
            Assert.That(second.Succeeded, Is.True, () => string.Join('\n', second.Diagnostics));
            Assert.That(callsOfFirst.Count(c => c.StartsWith("version", StringComparison.Ordinal)), Is.EqualTo(1), "a cold render asks helm's version once");
            Assert.That(callsOfSecond, Has.Length.EqualTo(1), "a warm render starts helm only for the template");
            Assert.That(callsOfSecond[0], Does.StartWith("template "));
            Assert.That(second.HelmVersion, Is.EqualTo(first.HelmVersion).And.StartWith("v3.17.3"));
        });
    }

    [Test]
    public async Task A_warm_locate_runs_no_helm_and_reports_the_same_version()
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_VERSION"] = "v4.0.1+gabc" });
        var cache = new HelmVersionCache(temp.Combine("cache"));

        var cold = await LocateAsync(helm, temp, cache);
        var warm = await LocateAsync(helm, temp, cache);

        Assert.Multiple(() =>
        {
            Assert.That(VersionCalls(record), Is.EqualTo(1));
            Assert.That(warm, Is.EqualTo(cold));
            Assert.That(warm.Major, Is.EqualTo(4));
            Assert.That(Directory.GetFiles(cache.Folder, "*.json"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_a_cache_every_locate_runs_helm()
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record });

        await HelmLocator.LocateAsync(helm, Environment(temp.Path), Timeout, CancellationToken.None);
        await HelmLocator.LocateAsync(helm, Environment(temp.Path), Timeout, CancellationToken.None);

        Assert.That(VersionCalls(record), Is.EqualTo(2));
    }

    [TestCase("size")]
    [TestCase("mtime")]
    [TestCase("replaced")]
    [TestCase("symlink target")]
    public async Task A_changed_binary_is_measured_again(string change)
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var variables = new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_VERSION"] = "v3.1.0" };
        var target = FakeHelmScript(temp.Combine("real"), "helm", variables);
        var link = temp.Combine("bin", "helm");
        Directory.CreateDirectory(temp.Combine("bin"));
        File.CreateSymbolicLink(link, target);
        var cache = new HelmVersionCache(temp.Combine("cache"));
        await LocateAsync(link, temp, cache);

        string expected;
        switch (change)
        {
            case "size":
                FakeHelmScript(temp.Combine("real"), "helm", new Dictionary<string, string>(variables) { ["FAKE_HELM_VERSION"] = "v3.2.10" });
                expected = "v3.2.10";
                break;
            case "mtime":
                File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(target).AddMinutes(1));
                expected = "v3.1.0";
                break;
            case "replaced":
                // Same size, swapped in by rename as package managers do: a new file under the same name.
                var staged = FakeHelmScript(temp.Combine("staging"), "helm", new Dictionary<string, string>(variables) { ["FAKE_HELM_VERSION"] = "v3.1.9" });
                File.Move(staged, target, overwrite: true);
                expected = "v3.1.9";
                break;
            default:
                var other = FakeHelmScript(temp.Combine("other"), "helm", new Dictionary<string, string>(variables) { ["FAKE_HELM_VERSION"] = "v4.1.0" });
                File.Delete(link);
                File.CreateSymbolicLink(link, other);
                expected = "v4.1.0";
                break;
        }

        var tool = await LocateAsync(link, temp, cache);

        Assert.Multiple(() =>
        {
            Assert.That(VersionCalls(record), Is.EqualTo(2), "the changed binary was asked again");
            Assert.That(tool.VersionText, Is.EqualTo(expected));
            Assert.That(tool.Path, Is.EqualTo(link), "the path the user named is the one run");
        });
    }

    [Test]
    public async Task A_binary_that_now_reports_helm_2_is_refused_with_TCR1003_although_its_old_version_is_remembered()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v3.17.0" });
        var cache = new HelmVersionCache(temp.Combine("cache"));
        await LocateAsync(helm, temp, cache);

        var staged = FakeHelmScript(temp.Combine("staging"), "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v2.17.0" });
        File.Move(staged, helm, overwrite: true);

        var diagnostic = Diagnose(() => LocateAsync(helm, temp, cache));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1003"));
            Assert.That(diagnostic.Message, Does.Contain("v2.17.0"));
        });
        Assert.That(Diagnose(() => LocateAsync(helm, temp, cache)).Code, Is.EqualTo("TCR1003"), "a refused helm is never remembered as good");
    }

    [Test]
    public async Task A_record_naming_helm_2_is_not_trusted()
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var helm2 = FakeHelmScript(temp.Combine("two"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_VERSION"] = "v2.17.0" });
        var helm3 = FakeHelmScript(temp.Combine("three"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_VERSION"] = "v3.17.0" });
        var cache = new HelmVersionCache(temp.Combine("cache"));
        await cache.TryWriteAsync(FileIdentity.Of(helm2)!, "v2.17.0", CancellationToken.None);
        await cache.TryWriteAsync(FileIdentity.Of(helm3)!, "v2.17.0", CancellationToken.None);

        var refused = Diagnose(() => LocateAsync(helm2, temp, cache));
        var accepted = await LocateAsync(helm3, temp, cache);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo("TCR1003"));
            Assert.That(accepted.VersionText, Is.EqualTo("v3.17.0"), "the binary was asked, not the record");
            Assert.That(VersionCalls(record), Is.EqualTo(2));
        });
    }

    [TestCase("")]
    [TestCase("{\"key\":")]
    [TestCase("not json at all")]
    [TestCase("{\"key\":42,\"version\":\"v3.1.0\"}")]
    [TestCase("{\"key\":\"some other binary\",\"version\":\"v3.1.0\"}")]
    [TestCase("{\"version\":\"v3.1.0\"}")]
    public async Task A_corrupt_record_is_ignored_and_replaced(string content)
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_VERSION"] = "v3.5.0" });
        var cache = new HelmVersionCache(temp.Combine("cache"));
        var recordFile = cache.RecordPath(FileIdentity.Of(helm)!);
        Directory.CreateDirectory(cache.Folder);
        File.WriteAllText(recordFile, content);

        var first = await LocateAsync(helm, temp, cache);
        var second = await LocateAsync(helm, temp, cache);

        Assert.Multiple(() =>
        {
            Assert.That(first.VersionText, Is.EqualTo("v3.5.0"));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(VersionCalls(record), Is.EqualTo(1), "the damaged record was measured once and rewritten");
        });
    }

    [Test]
    public async Task Concurrent_locates_never_see_a_torn_record()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v3.9.9" });
        var cache = new HelmVersionCache(temp.Combine("cache"));

        var tools = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => LocateAsync(helm, temp, cache))));

        Assert.Multiple(() =>
        {
            Assert.That(tools.Select(t => t.VersionText), Is.All.EqualTo("v3.9.9"));
            Assert.That(Directory.GetFiles(cache.Folder), Has.Length.EqualTo(1), "one record, no temporary files left");
        });
    }

    [Test]
    public async Task An_unwritable_cache_folder_still_locates_asking_helm_each_time()
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var helm = FakeHelmScript(temp.Combine("bin"), "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record });
        // A file where the folder should be: nothing can be created in it, whoever runs the tests (root included).
        temp.WriteFile("cache/" + HelmVersionCache.FolderName, "in the way");
        var cache = new HelmVersionCache(temp.Combine("cache"));

        var first = await LocateAsync(helm, temp, cache);
        var second = await LocateAsync(helm, temp, cache);

        Assert.Multiple(() =>
        {
            Assert.That(first.VersionText, Is.EqualTo("v3.99.0"));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(VersionCalls(record), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_render_with_an_unwritable_version_folder_still_renders()
    {
        using var temp = new TempDirectory();
        var log = temp.Combine("helm-calls.log");
        var wrapper = LoggingHelm.Create(temp.Combine("bin"), TestPaths.Helm(TestPaths.Helm3Version), log);
        temp.WriteFile("cache/" + HelmVersionCache.FolderName, "in the way");
        var request = new RenderRequest { Chart = TestPaths.ChartArchive("1.18.1"), HelmPath = wrapper, ChartCacheDirectory = temp.Combine("cache") };

        var first = await new ManifestRenderer().RenderAsync(request);
        var second = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.True, () => string.Join('\n', first.Diagnostics));
            Assert.That(second.Succeeded, Is.True, () => string.Join('\n', second.Diagnostics));
            Assert.That(File.ReadAllLines(log).Count(c => c.StartsWith("version", StringComparison.Ordinal)), Is.EqualTo(2));
        });
    }

    private static Task<HelmTool> LocateAsync(string helm, TempDirectory temp, HelmVersionCache cache) =>
        HelmLocator.LocateAsync(helm, Environment(temp.Path), Timeout, cache, CancellationToken.None);

    private static int VersionCalls(string record) => ReadRecord(record).Count(c => c.Args is ["version", ..]);
}
