using System.Collections.Concurrent;
using TalosCiliumRender.Core.ChartValues;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.ChartValues;

/// <summary>The three Cilium charts' values models, analysed once per test run.</summary>
internal static class ChartValuesTestData
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(ChartSourceFiles Files, ChartValuesModel Model)>>> Models = new(StringComparer.Ordinal);

    public static async Task<ChartValuesModel> ModelAsync(string chartVersion) => (await LoadAsync(chartVersion)).Model;

    public static async Task<ChartSourceFiles> FilesAsync(string chartVersion) => (await LoadAsync(chartVersion)).Files;

    public static ValuesLayer Layer(string yaml, string origin = "values file 'test.yaml'", string? file = "test.yaml") =>
        new(origin, file, YamlReader.ReadSingleMapping(yaml, file ?? "inline", "Values file"));

    public static YamlMappingNode Nest(IReadOnlyList<string> path, YamlNode leaf)
    {
        YamlNode node = leaf;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            node = new YamlMappingNode { { new YamlScalarNode(path[i]), node } };
        }

        return (YamlMappingNode)node;
    }

    private static Task<(ChartSourceFiles Files, ChartValuesModel Model)> LoadAsync(string chartVersion) =>
        Models.GetOrAdd(chartVersion, v => new Lazy<Task<(ChartSourceFiles Files, ChartValuesModel Model)>>(async () =>
        {
            var files = await ChartTemplateReader.ReadChartAsync(TestPaths.ChartArchive(v), "cilium", CancellationToken.None);
            return (files, ChartValuesAnalyzer.Analyze(files));
        })).Value;
}
