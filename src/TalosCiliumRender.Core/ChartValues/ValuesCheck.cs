using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// Checks every key a render sets (preset, features, values files, <c>--set</c>) against the keys the chart can read,
/// before helm runs: a key the chart never reads is reported where it was set, with the key the user probably meant.
/// </summary>
internal static class ValuesCheck
{
    /// <summary>The keys in <paramref name="layers"/> that <paramref name="keys"/> cannot read.</summary>
    /// <param name="keys">What the chart reads.</param>
    /// <param name="layers">The values, each with its origin.</param>
    /// <param name="chart">The chart as messages name it (<c>cilium 1.18.1</c>).</param>
    /// <param name="severity">Error, or warning when the user allows unknown values.</param>
    /// <returns>One diagnostic per unknown key (the first unknown key of a path; nothing below it).</returns>
    public static IReadOnlyList<Diagnostic> UnknownKeys(ChartValueKeys keys, IEnumerable<ValuesLayer> layers, string chart, DiagnosticSeverity severity)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var layer in layers)
        {
            var pending = new Stack<(YamlMappingNode Map, ChartValueKeys.Node Node, string[] Path)>();
            pending.Push((layer.Values, keys.Root, []));
            while (pending.Count > 0)
            {
                var (map, node, path) = pending.Pop();
                if (node.FreeForm)
                {
                    continue;
                }

                // Reported in the order they appear, which the stack would reverse.
                foreach (var (key, value) in map.Children.Reverse())
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        continue; // helm rejects a key that is not text
                    }

                    string[] keyPath = [.. path, name];
                    if (!node.Children.TryGetValue(name, out var child))
                    {
                        diagnostics.Add(Unknown(keys, layer, key, keyPath, chart, severity));
                    }
                    else if (value is YamlMappingNode inner)
                    {
                        pending.Push((inner, child, keyPath));
                    }
                }
            }
        }

        return diagnostics;
    }

    private static Diagnostic Unknown(ChartValueKeys keys, ValuesLayer layer, YamlNode key, string[] path, string chart, DiagnosticSeverity severity)
    {
        var suggestion = KeySuggestion.Suggest(keys, path, path.Length - 1);
        var location = layer.File is { } file && key.Start.Line > 0 ? new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column) : default;
        var diagnostic = DiagnosticCatalog.UnknownValue.Create(
            location, string.Join('.', path), layer.Origin, chart, suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?");
        return diagnostic with { Severity = severity };
    }
}
