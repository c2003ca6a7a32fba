using System.Globalization;
using System.Text;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Upgrades;

/// <summary>
/// The defaults of two charts compared leaf by leaf (a scalar, a list or an empty map is a leaf): what an upgrade
/// changes without the user changing a value. Keys a values layer sets are left out, since the chart's default does not
/// reach the output there; image leaves are set apart, since a release changes them all at once.
/// </summary>
internal static class ChartDefaults
{
    private const int MaxShown = 120;

    /// <summary>Compares <paramref name="committed"/>'s defaults with <paramref name="target"/>'s.</summary>
    /// <param name="committed">The committed chart's values.yaml, read.</param>
    /// <param name="target">The target chart's values.yaml, read.</param>
    /// <param name="layers">The values layers of the target render: a key any of them sets (or sets above or below) is left out.</param>
    /// <param name="alsoSet">Further keys the render sets (the upgradeCompatibility it injects).</param>
    public static DefaultChanges Compare(YamlMappingNode committed, YamlMappingNode target, IReadOnlyList<ValuesLayer> layers, IEnumerable<string> alsoSet)
    {
        var set = new HashSet<string>(alsoSet, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (path, _) in Leaves(layer.Values, string.Empty))
            {
                set.Add(path);
            }
        }

        var aboveSet = new HashSet<string>(set.SelectMany(Prefixes), StringComparer.Ordinal);
        bool IsSet(string path) => set.Contains(path) || aboveSet.Contains(path) || Prefixes(path).Any(set.Contains);

        var before = Leaves(committed, string.Empty).Where(l => !IsSet(l.Path)).ToDictionary(l => l.Path, l => l.Node, StringComparer.Ordinal);
        var after = Leaves(target, string.Empty).Where(l => !IsSet(l.Path)).ToDictionary(l => l.Path, l => l.Node, StringComparer.Ordinal);
        var changed = new List<DefaultChange>();
        var images = new List<DefaultChange>();
        foreach (var (path, old) in before)
        {
            if (after.TryGetValue(path, out var now) && !YamlEquivalence.AreEquivalent(old, now))
            {
                (IsImage(path) ? images : changed).Add(new DefaultChange(path, Flow(old), Flow(now)));
            }
        }

        var added = after.Where(a => !before.ContainsKey(a.Key)).Select(a => new DefaultChange(a.Key, null, Flow(a.Value))).ToList();
        var removed = before.Where(b => !after.ContainsKey(b.Key)).Select(b => new DefaultChange(b.Key, Flow(b.Value), null)).ToList();
        return new DefaultChanges(Sorted(changed), Sorted(added), Sorted(removed), Sorted(images), Summarise(images));
    }

    /// <summary>
    /// One line for the image leaves: tag changes grouped by their old and new value (most frequent first), then how
    /// many digests, repositories and other image fields changed.
    /// </summary>
    internal static string Summarise(IReadOnlyList<DefaultChange> images)
    {
        var parts = new List<string>();
        var tags = images.Where(i => Leaf(i.Key) == "tag")
            .GroupBy(i => (i.Old, i.New))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Old, StringComparer.Ordinal)
            .Select(g => Count(g.Count(), "tag") + $" {Unquoted(g.Key.Old)} → {Unquoted(g.Key.New)}");
        parts.AddRange(tags);
        var digests = images.Count(i => Leaf(i.Key) is "digest" || (Leaf(i.Key).EndsWith("Digest", StringComparison.Ordinal) && Leaf(i.Key) != "useDigest"));
        var repositories = images.Count(i => Leaf(i.Key) == "repository");
        var others = images.Count - images.Count(i => Leaf(i.Key) == "tag") - digests - repositories;
        if (digests > 0)
        {
            parts.Add(Count(digests, "digest"));
        }

        if (repositories > 0)
        {
            parts.Add(Count(repositories, "repository", "repositories"));
        }

        if (others > 0)
        {
            parts.Add(Count(others, "other image field"));
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// True for a leaf of an image block: <c>image.tag</c>, <c>hubble.relay.image.digest</c>,
    /// <c>operator.image.genericDigest</c>, <c>authentication.mutual.spire.install.initImage.digest</c>.
    /// </summary>
    internal static bool IsImage(string path)
    {
        var segments = path.Split('.');
        return segments.Length >= 2 && (segments[^2] == "image" || segments[^2].EndsWith("Image", StringComparison.Ordinal));
    }

    /// <summary>A value in compact YAML flow form, cut at 120 characters.</summary>
    internal static string Flow(YamlNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.Length <= MaxShown ? builder.ToString() : builder.ToString(0, MaxShown - 1) + "…";
    }

    private static void Write(YamlNode node, StringBuilder builder)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                var quoted = scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted;
                builder.Append(quoted || text.Length == 0 ? "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : text);
                break;
            case YamlSequenceNode list:
                builder.Append('[');
                for (var i = 0; i < list.Children.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Write(list.Children[i], builder);
                }

                builder.Append(']');
                break;
            case YamlMappingNode map:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in map.Children)
                {
                    builder.Append(first ? string.Empty : ", ");
                    first = false;
                    Write(key, builder);
                    builder.Append(": ");
                    Write(value, builder);
                }

                builder.Append('}');
                break;
            default:
                builder.Append(node);
                break;
        }
    }

    private static IEnumerable<(string Path, YamlNode Node)> Leaves(YamlMappingNode map, string prefix)
    {
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                continue;
            }

            var path = prefix.Length == 0 ? name : prefix + "." + name;
            if (value is YamlMappingNode { Children.Count: > 0 } inner)
            {
                foreach (var leaf in Leaves(inner, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = path.IndexOf('.', dot + 1))
        {
            yield return path[..dot];
        }
    }

    private static string? Unquoted(string? text) => text is ['"', .., '"'] ? text[1..^1] : text;

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static List<DefaultChange> Sorted(List<DefaultChange> changes) => changes.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();

    private static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
