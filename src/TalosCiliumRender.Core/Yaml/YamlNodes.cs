using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>Small helpers over the YamlDotNet representation model that every layer needs.</summary>
internal static class YamlNodes
{
    /// <summary>A deep copy with no anchors, so a node can be inserted in a second place or changed independently.</summary>
    public static YamlNode DeepClone(YamlNode node) => node switch
    {
        YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style, Tag = s.Tag },
        YamlSequenceNode seq => CloneSequence(seq),
        YamlMappingNode map => CloneMapping(map),
        _ => throw new InvalidOperationException($"Unexpected node type {node.GetType().Name}."),
    };

    public static YamlMappingNode DeepClone(YamlMappingNode node) => CloneMapping(node);

    /// <summary>
    /// Replaces every node reached a second time (through an alias) by a copy and clears anchors, as kustomize
    /// does, so that a later change to one place cannot leak into another.
    /// </summary>
    public static YamlNode DeAnchor(YamlNode root)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        return Visit(root);

        YamlNode Visit(YamlNode node)
        {
            if (!seen.Add(node))
            {
                return DeepClone(node);
            }

            node.Anchor = YamlDotNet.Core.AnchorName.Empty;
            switch (node)
            {
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        seq.Children[i] = Visit(seq.Children[i]);
                    }

                    break;
                case YamlMappingNode map:
                    foreach (var key in map.Children.Keys.ToArray())
                    {
                        var value = map.Children[key];
                        var visited = Visit(value);
                        if (!ReferenceEquals(visited, value))
                        {
                            map.Children[key] = visited;
                        }
                    }

                    break;
            }

            return node;
        }
    }

    /// <summary>The value under a plain string key, or <see langword="null"/>.</summary>
    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The string value of a scalar under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public static string? GetString(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlScalarNode { Value: { } value } scalar && !GoYamlDialect.IsNull(scalar) ? value : null;

    /// <summary>Follows a path of mapping keys.</summary>
    public static YamlNode? GetPath(this YamlMappingNode map, params string[] path)
    {
        YamlNode? current = map;
        foreach (var key in path)
        {
            current = (current as YamlMappingNode)?.Get(key);
        }

        return current;
    }

    private static YamlSequenceNode CloneSequence(YamlSequenceNode seq)
    {
        var copy = new YamlSequenceNode { Style = seq.Style, Tag = seq.Tag };
        foreach (var child in seq.Children)
        {
            copy.Add(DeepClone(child));
        }

        return copy;
    }

    private static YamlMappingNode CloneMapping(YamlMappingNode map)
    {
        var copy = new YamlMappingNode { Style = map.Style, Tag = map.Tag };
        foreach (var (key, value) in map.Children)
        {
            copy.Add(DeepClone(key), DeepClone(value));
        }

        return copy;
    }
}
