using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Compares YAML trees by meaning: mappings as unordered maps, sequences in order, scalars by resolved type
/// and canonical value. Reports the paths that differ, in the <c>spec.template.spec.containers[0].image</c> form.
/// </summary>
internal static class YamlEquivalence
{
    public static bool AreEquivalent(YamlNode? left, YamlNode? right) => !Differences(left, right, limit: 1).Any();

    /// <summary>The paths at which two trees differ, depth first; a path is reported once, at its highest point.</summary>
    public static IEnumerable<string> Differences(YamlNode? left, YamlNode? right, int limit = int.MaxValue)
    {
        var found = new List<string>();
        Compare(left, right, string.Empty, found, limit);
        return found;
    }

    private static void Compare(YamlNode? left, YamlNode? right, string path, List<string> found, int limit)
    {
        if (found.Count >= limit)
        {
            return;
        }

        switch (left, right)
        {
            case (null, null):
                return;
            case (YamlScalarNode a, YamlScalarNode b):
                if (GoYamlDialect.Canonical(a) != GoYamlDialect.Canonical(b))
                {
                    found.Add(Root(path));
                }

                return;
            case (YamlSequenceNode a, YamlSequenceNode b):
                var common = Math.Min(a.Children.Count, b.Children.Count);
                for (var i = 0; i < common; i++)
                {
                    Compare(a.Children[i], b.Children[i], $"{path}[{i}]", found, limit);
                }

                for (var i = common; i < Math.Max(a.Children.Count, b.Children.Count) && found.Count < limit; i++)
                {
                    found.Add($"{path}[{i}]");
                }

                return;
            case (YamlMappingNode a, YamlMappingNode b):
                foreach (var (key, value) in a.Children)
                {
                    var childPath = Join(path, key);
                    if (b.Children.TryGetValue(key, out var other))
                    {
                        Compare(value, other, childPath, found, limit);
                    }
                    else if (found.Count < limit)
                    {
                        found.Add(childPath);
                    }
                }

                foreach (var key in b.Children.Keys.Where(k => !a.Children.ContainsKey(k)))
                {
                    if (found.Count < limit)
                    {
                        found.Add(Join(path, key));
                    }
                }

                return;
            default:
                found.Add(Root(path));
                return;
        }
    }

    private static string Root(string path) => path.Length == 0 ? "." : path;

    private static string Join(string path, YamlNode key) => ChildPath(path, (key as YamlScalarNode)?.Value ?? key.ToString());

    /// <summary>The path of a mapping entry, in the form <see cref="Differences"/> reports: <c>data["tls.crt"]</c>, <c>spec.replicas</c>.</summary>
    public static string ChildPath(string path, string name)
    {
        var segment = name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal) ? $"[\"{name}\"]" : name;
        return path.Length == 0 ? segment : segment.StartsWith('[') ? path + segment : $"{path}.{segment}";
    }
}
