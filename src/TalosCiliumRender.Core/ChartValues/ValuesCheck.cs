using System.Globalization;
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
    public static IReadOnlyList<Diagnostic> UnknownKeys(ChartValueKeys keys, IEnumerable<ValuesLayer> layers, string chart, DiagnosticSeverity severity) =>
        UnknownValues(keys, layers).Select(u => u.ToDiagnostic(chart, severity)).ToArray();

    /// <summary>
    /// The keys in <paramref name="layers"/> that <paramref name="keys"/> cannot read, as data (what
    /// <see cref="UnknownKeys"/> reports): the upgrade report lists them in its own shapes.
    /// </summary>
    /// <param name="keys">What the chart reads.</param>
    /// <param name="layers">The values, each with its origin.</param>
    /// <returns>The first unknown key of each path (nothing below it), in the order they appear.</returns>
    public static IReadOnlyList<UnknownValue> UnknownValues(ChartValueKeys keys, IEnumerable<ValuesLayer> layers)
    {
        var unknown = new List<UnknownValue>();
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
                foreach (var (key, value) in Enumerable.Reverse(Entries(map)))
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        continue; // helm rejects a key that is not text
                    }

                    string[] keyPath = [.. path, name];
                    if (!node.Children.TryGetValue(name, out var child))
                    {
                        var below = value is YamlMappingNode inner ? inner.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToArray() : [];
                        unknown.Add(new UnknownValue(keyPath, layer, key, KeySuggestion.Suggest(keys, keyPath, below)));
                    }
                    else if (value is YamlMappingNode inner)
                    {
                        pending.Push((inner, child, keyPath));
                    }
                }
            }
        }

        return unknown;
    }

    /// <summary>
    /// The entries of a mapping as helm reads it: a YAML merge key (<c>&lt;&lt;: *anchor</c>, or a list of anchors) stands
    /// for the entries of the mappings it names (go-yaml resolves it), so those are checked where they land.
    /// </summary>
    private static List<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode map)
    {
        var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
        var seen = new HashSet<YamlMappingNode>(ReferenceEqualityComparer.Instance);
        Add(map);
        return entries;

        void Add(YamlMappingNode mapping)
        {
            if (!seen.Add(mapping))
            {
                return; // an alias back to a mapping already merged here
            }

            foreach (var entry in mapping.Children)
            {
                if (entry.Key is YamlScalarNode { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } merge
                    && (merge.Tag.IsEmpty || merge.Tag.Value == "tag:yaml.org,2002:merge"))
                {
                    foreach (var source in entry.Value is YamlSequenceNode list ? list.Children : [entry.Value])
                    {
                        if (source is YamlMappingNode merged)
                        {
                            Add(merged);
                        }
                    }
                }
                else
                {
                    entries.Add(entry);
                }
            }
        }
    }

    /// <summary>The values whose type the chart's schema rejects, each reported where it was set.</summary>
    /// <param name="schema">The chart's values.schema.json.</param>
    /// <param name="merged">The values helm gets.</param>
    /// <param name="layers">Where they came from, lowest precedence first.</param>
    /// <param name="chart">The chart as messages name it.</param>
    /// <param name="severity">Error, or warning when the user allows unknown values.</param>
    /// <returns>One diagnostic per value of the wrong type.</returns>
    public static IReadOnlyList<Diagnostic> WrongTypes(ValuesSchema schema, YamlMappingNode merged, IReadOnlyList<ValuesLayer> layers, string chart, DiagnosticSeverity severity)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var mismatch in schema.Check(merged))
        {
            var (layer, node) = Origin(layers, mismatch.Path);
            var location = layer?.File is { } file && node is { Start.Line: > 0 } ? new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column) : default;
            var diagnostic = DiagnosticCatalog.ValueTypeMismatch.Create(
                location, Dotted(mismatch.Path), layer?.Origin ?? "the values", mismatch.Actual, chart, mismatch.Expected);
            diagnostics.Add(diagnostic with { Severity = severity });
        }

        return diagnostics;
    }

    /// <summary>The highest layer that sets the value at <paramref name="path"/> (or the most of it), and its node there.</summary>
    private static (ValuesLayer? Layer, YamlNode? Node) Origin(IReadOnlyList<ValuesLayer> layers, IReadOnlyList<string> path)
    {
        (ValuesLayer? Layer, YamlNode? Node, int Depth) best = (null, null, -1);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            YamlNode current = layers[i].Values;
            var depth = 0;
            foreach (var key in path)
            {
                YamlNode? next = current switch
                {
                    YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null,
                    YamlSequenceNode list when key.Length > 2 && key.StartsWith('[') && int.TryParse(key.AsSpan(1, key.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < list.Children.Count => list.Children[index],
                    _ => null,
                };
                if (next is null)
                {
                    break;
                }

                current = next;
                depth++;
            }

            if (depth == path.Count)
            {
                return (layers[i], current);
            }

            if (depth > best.Depth)
            {
                best = (layers[i], current, depth);
            }
        }

        return (best.Layer, best.Node);
    }

    private static string Dotted(IReadOnlyList<string> path) =>
        string.Concat(path.Select((key, i) => key.StartsWith('[') || i == 0 ? key : "." + key));
}

/// <summary>A key a values layer sets that the chart never reads.</summary>
/// <param name="Path">The key's path, from the top of the values.</param>
/// <param name="Layer">The layer that sets it.</param>
/// <param name="Key">The key's node (its position, for a layer read from a file).</param>
/// <param name="Suggestion">The key probably meant, or <see langword="null"/>.</param>
internal sealed record UnknownValue(IReadOnlyList<string> Path, ValuesLayer Layer, YamlNode Key, string? Suggestion)
{
    /// <summary>The dotted key, as messages name it.</summary>
    public string Dotted => string.Join('.', Path);

    /// <summary>Where the key was set, when it came from a file.</summary>
    public SourceLocation Location => Layer.File is { } file && Key.Start.Line > 0 ? new SourceLocation(file, (int)Key.Start.Line, (int)Key.Start.Column) : default;

    /// <summary>TCR0101 for this key.</summary>
    public Diagnostic ToDiagnostic(string chart, DiagnosticSeverity severity) =>
        DiagnosticCatalog.UnknownValue.Create(Location, Dotted, Layer.Origin, chart, Suggestion is null ? string.Empty : $"Did you mean '{Suggestion}'? ") with { Severity = severity };
}
