using BenchmarkDotNet.Attributes;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Benchmarks;

/// <summary>
/// What reading helm's output costs a render (issue 12): the cilium 1.18.1 render with Hubble relay and UI, read into
/// documents with every limit checked. The time and the allocated bytes both count: a warm render is short enough that
/// its gen0 collections are a quarter of the process. YamlDotNet's own representation model on the same text, with
/// none of the limits or header comments, is the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class YamlReadBenchmarks
{
    private string _render = string.Empty;

    [GlobalSetup]
    public void Setup() => _render = BenchmarkData.EnsureRender();

    /// <summary>YamlDotNet's representation model alone, for the ratio on a noisy shared machine.</summary>
    [Benchmark(Baseline = true)]
    public int BareYamlDotNetLoad()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(_render));
        return stream.Documents.Count;
    }

    /// <summary>What the renderer does with helm's output: every document, its header comments, the limits.</summary>
    [Benchmark]
    public int ReadDocuments() => YamlReader.ReadDocuments(_render, origin: null).Count;
}
