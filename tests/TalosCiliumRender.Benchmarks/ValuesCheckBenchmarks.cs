using BenchmarkDotNet.Attributes;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.ChartValues;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Benchmarks;

/// <summary>
/// What the values check adds to a warm render (issue 13: at most 5 ms): read the chart's cached values model, check
/// every key of a realistic production values file and --set against it, and check types against the chart's
/// values.schema.json. The cold analysis (a chart seen for the first time) is measured beside it, and the read of the
/// template scan record, which a warm render already did before this check existed, is the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ValuesCheckBenchmarks
{
    private const string Digest = "sha256:00000000000000000000000000000000000000000000000000000000000000aa";
    private string _cacheRoot = string.Empty;
    private ChartSourceFiles _files = null!;
    private IReadOnlyList<ValuesLayer> _layers = [];
    private YamlDotNet.RepresentationModel.YamlMappingNode _merged = new();

    [GlobalSetup]
    public void Setup()
    {
        _cacheRoot = Path.Combine(Path.GetTempPath(), "tcr-values-bench-" + Guid.NewGuid().ToString("N"));
        _files = ChartTemplateReader.ReadChartAsync(BenchmarkData.ChartArchive("1.18.1"), "cilium", CancellationToken.None).GetAwaiter().GetResult();
        var model = ChartValuesAnalyzer.Analyze(_files);
        _ = new ChartValuesCache(_cacheRoot).GetOrAnalyzeAsync(Digest, _ => Task.FromResult(model), CancellationToken.None).GetAwaiter().GetResult();
        _ = new TemplateScanCache(_cacheRoot).GetOrScanAsync(Digest, _ => Task.FromResult(TemplateTaintAnalyzer.Analyze(_files.Templates)), CancellationToken.None).GetAwaiter().GetResult();
        var production = Path.Combine(BenchmarkData.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Values", "Data", "production-values.yaml");
        var file = YamlReader.ReadSingleMapping(File.ReadAllText(production), "production-values.yaml", "Values file");
        var set = new YamlDotNet.RepresentationModel.YamlMappingNode();
        SetValueParser.ParseInto("hubble.relay.enabled=true,operator.replicas=2", set);
        _layers = [new ValuesLayer("values file 'production-values.yaml'", "production-values.yaml", file), new ValuesLayer("--set", null, set)];
        _merged = ValuesMerger.MergeAll(_layers.Select(l => l.Values));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_cacheRoot, recursive: true);

    /// <summary>The template scan record a warm render read before the values check existed.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ReadTemplateScanRecord() =>
        (await new TemplateScanCache(_cacheRoot).GetOrScanAsync(Digest, _ => throw new InvalidOperationException("miss"), CancellationToken.None).ConfigureAwait(false)).Generators.Count;

    /// <summary>The whole check on a warm render: model from the cache, unknown keys, schema types.</summary>
    [Benchmark]
    public async Task<int> WarmValuesCheck()
    {
        var model = await new ChartValuesCache(_cacheRoot).GetOrAnalyzeAsync(Digest, _ => throw new InvalidOperationException("miss"), CancellationToken.None).ConfigureAwait(false);
        var findings = ValuesCheck.UnknownKeys(model.Keys, _layers, "cilium 1.18.1", DiagnosticSeverity.Error).Count;
        if (await model.SchemaJsonAsync(CancellationToken.None).ConfigureAwait(false) is { } json && ValuesSchema.TryParse(json) is { } schema)
        {
            findings += ValuesCheck.WrongTypes(schema, _merged, _layers, "cilium 1.18.1", DiagnosticSeverity.Error).Count;
        }

        return findings == 0 ? findings : throw new InvalidOperationException("the production values should pass");
    }

    /// <summary>The part of the warm check that reads the cached record and checks keys (what a render without values files does).</summary>
    [Benchmark]
    public async Task<int> WarmKeysCheck()
    {
        var model = await new ChartValuesCache(_cacheRoot).GetOrAnalyzeAsync(Digest, _ => throw new InvalidOperationException("miss"), CancellationToken.None).ConfigureAwait(false);
        return ValuesCheck.UnknownKeys(model.Keys, _layers, "cilium 1.18.1", DiagnosticSeverity.Error).Count;
    }

    /// <summary>A chart seen for the first time: analyse its templates, values.yaml and schema (archive already read).</summary>
    [Benchmark]
    public int ColdAnalysis() => ChartValuesAnalyzer.Analyze(_files).Keys.Root.Children.Count;
}
