using TalosCiliumRender.Core.ChartValues;

namespace TalosCiliumRender.Core.Tests.ChartValues;

public sealed class ChartValuesCacheTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ChartValuesModel Model() =>
        new(ChartValueKeys.Build([["a", "b"], ["c"]], [["c"]]), "{\"type\":\"object\"}");

    [Test]
    public async Task A_model_is_analysed_once_per_digest_and_read_back_whole()
    {
        using var temp = new TempDirectory();
        var cache = new ChartValuesCache(temp.Path);
        var calls = 0;
        Task<ChartValuesModel> Analyze(CancellationToken _)
        {
            calls++;
            return Task.FromResult(Model());
        }

        await cache.GetOrAnalyzeAsync(Digest, Analyze, CancellationToken.None);
        var second = await cache.GetOrAnalyzeAsync(Digest, Analyze, CancellationToken.None);
        await cache.GetOrAnalyzeAsync(Digest.Replace('0', '1'), Analyze, CancellationToken.None);
        var schema = await second.SchemaJsonAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(2));
            Assert.That(second.Keys.Find(["a", "b"]), Is.Not.Null);
            Assert.That(second.Keys.Find(["a", "x"]), Is.Null);
            Assert.That(second.Keys.Find(["c", "anything", "below"])?.FreeForm, Is.True);
            Assert.That(schema, Is.EqualTo("{\"type\":\"object\"}"));
        });
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("{\"format\":1}")]
    [TestCase("[1,2]")]
    [TestCase("{\"format\":99,\"build\":\"x\",\"digest\":\"y\"}")]
    public async Task A_damaged_or_foreign_record_is_a_miss_and_is_rewritten(string content)
    {
        using var temp = new TempDirectory();
        var cache = new ChartValuesCache(temp.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathFor(Digest))!);
        File.WriteAllText(cache.PathFor(Digest), content);
        var calls = 0;

        var model = await cache.GetOrAnalyzeAsync(Digest, _ => { calls++; return Task.FromResult(Model()); }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1));
            Assert.That(model.Keys.Find(["a", "b"]), Is.Not.Null);
            Assert.That(File.ReadAllText(cache.PathFor(Digest)), Does.Contain("\"keys\""));
        });
    }

    [Test]
    public async Task A_folder_that_cannot_be_written_is_no_error()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("blocked", "a file where the cache folder should be");
        var cache = new ChartValuesCache(temp.Combine("blocked"));

        var model = await cache.GetOrAnalyzeAsync(Digest, _ => Task.FromResult(Model()), CancellationToken.None);

        Assert.That(model.Keys.Find(["c"]), Is.Not.Null);
    }

    [Test]
    public async Task The_schema_is_kept_apart_and_read_only_when_asked_for()
    {
        using var temp = new TempDirectory();
        var cache = new ChartValuesCache(temp.Path);
        await cache.GetOrAnalyzeAsync(Digest, _ => Task.FromResult(Model()), CancellationToken.None);
        var calls = 0;

        var model = await cache.GetOrAnalyzeAsync(Digest, _ => { calls++; return Task.FromResult(Model()); }, CancellationToken.None);
        File.Delete(cache.SchemaPathFor(Digest));
        var schema = await model.SchemaJsonAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(cache.PathFor(Digest)), Does.Not.Contain("object"), "the keys record holds no schema");
            Assert.That(model.HasSchema, Is.True);
            Assert.That(schema, Is.EqualTo("{\"type\":\"object\"}"), "a schema record removed meanwhile is analysed again");
            Assert.That(calls, Is.EqualTo(1));
        });
    }

    [TestCase("")]
    [TestCase("{\"format\":3}")]
    [TestCase("{\"format\":3,\"build\":\"x\",\"digest\":\"y\",\"schema\":\"{}\"}")]
    public async Task A_damaged_schema_record_is_never_taken_for_the_schema(string content)
    {
        using var temp = new TempDirectory();
        var cache = new ChartValuesCache(temp.Path);
        await cache.GetOrAnalyzeAsync(Digest, _ => Task.FromResult(Model()), CancellationToken.None);
        File.WriteAllText(cache.SchemaPathFor(Digest), content);

        var model = await cache.GetOrAnalyzeAsync(Digest, _ => Task.FromResult(Model()), CancellationToken.None);

        Assert.That(await model.SchemaJsonAsync(CancellationToken.None), Is.EqualTo("{\"type\":\"object\"}"));
    }

    [Test]
    public async Task A_chart_without_a_schema_is_remembered_as_one()
    {
        using var temp = new TempDirectory();
        var cache = new ChartValuesCache(temp.Path);
        await cache.GetOrAnalyzeAsync(Digest, _ => Task.FromResult(new ChartValuesModel(ChartValueKeys.Build([["a"]], []), null)), CancellationToken.None);

        var model = await cache.GetOrAnalyzeAsync(Digest, _ => throw new InvalidOperationException("a hit analyses nothing"), CancellationToken.None);
        var schema = await model.SchemaJsonAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(model.HasSchema, Is.False);
            Assert.That(schema, Is.Null);
            Assert.That(File.Exists(cache.SchemaPathFor(Digest)), Is.False);
        });
    }
}
