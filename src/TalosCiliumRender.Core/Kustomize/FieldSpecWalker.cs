using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Walks an object along a field spec as kustomize's fieldspec filter does: lists on the way are visited
/// element by element, missing maps are created when the spec says so, and a null found where a map or list
/// belongs becomes an empty one.
/// </summary>
internal static class FieldSpecWalker
{
    /// <summary>What to create for a missing final field.</summary>
    public enum Create
    {
        Nothing,
        Scalar,
        Mapping,
    }

    /// <summary>
    /// Calls <paramref name="set"/> on every node the spec reaches in <paramref name="resource"/> (whose current id is
    /// <paramref name="id"/>, passed in because transformers ask for it many times); <paramref name="action"/> says
    /// what the transformer does, for error messages ("set namespace 'x'").
    /// </summary>
    public static void Apply(KubeResource resource, ResourceId id, FieldSpec spec, Create create, Action<YamlNode> set, string action)
    {
        if (!spec.Applies(id))
        {
            return;
        }

        Visit(resource.Root, 0);

        void Visit(YamlNode node, int index)
        {
            if (index == spec.Segments.Count)
            {
                set(node);
                return;
            }

            switch (node)
            {
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        Visit(item, index);
                    }

                    break;
                case YamlMappingNode mapping:
                    Field(mapping, index);
                    break;
                default:
                    throw Mismatch(resource, action, string.Join('.', spec.Segments.Take(index)), node, "mapping or list");
            }
        }

        void Field(YamlMappingNode mapping, int index)
        {
            var segment = spec.Segments[index];
            var isList = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = isList ? segment[..^2] : segment;
            var last = index == spec.Segments.Count - 1;
            var key = new YamlScalarNode(name);
            var creates = spec.Create && create != Create.Nothing && !isList;
            if (!mapping.Children.TryGetValue(key, out var value))
            {
                if (!creates)
                {
                    return;
                }

                value = last && create == Create.Scalar ? ScalarFactory.String(string.Empty) : new YamlMappingNode();
                mapping.Children.Add(ScalarFactory.String(name), value);
            }
            else if (value is YamlScalarNode scalar && NodeText.IsNull(scalar))
            {
                if (isList)
                {
                    value = new YamlSequenceNode();
                    mapping.Children[key] = value;
                }
                else if (creates && !(last && create == Create.Scalar))
                {
                    value = new YamlMappingNode();
                    mapping.Children[key] = value;
                }
                else if (!creates)
                {
                    return;
                }
            }

            Visit(value, index + 1);
        }
    }

    public static DiagnosticException Mismatch(KubeResource resource, string action, string path, YamlNode node, string expected) =>
        DiagnosticCatalog.FieldTypeMismatch.Exception(
            YamlReader.Locate(resource.Origin, node.Start),
            action,
            resource.CurrentId,
            path.Length == 0 ? "." : path,
            YamlReader.Describe(node),
            expected);

    /// <summary>Sets <paramref name="key"/> in a map node to a string, as kyaml's SetEntry.</summary>
    public static void SetEntry(KubeResource resource, YamlNode node, string key, string value, string action, string path)
    {
        if (node is not YamlMappingNode map)
        {
            throw Mismatch(resource, action, path, node, "mapping");
        }

        var keyNode = new YamlScalarNode(key);
        if (map.Children.TryGetValue(keyNode, out var existing) && existing is YamlScalarNode scalar)
        {
            SetString(scalar, value);
        }
        else if (existing is not null)
        {
            map.Children[keyNode] = ScalarFactory.String(value);
        }
        else
        {
            map.Children.Add(ScalarFactory.String(key), ScalarFactory.String(value));
        }
    }

    /// <summary>Rewrites a scalar in place as a string, styled like a new one; unchanged strings keep their style.</summary>
    public static void SetString(YamlScalarNode scalar, string value)
    {
        if (scalar.Value == value && (scalar.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any) || GoYamlDialect.Resolve(scalar) == GoYamlDialect.Kind.String))
        {
            return;
        }

        var fresh = ScalarFactory.String(value);
        scalar.Value = fresh.Value;
        scalar.Style = fresh.Style;
        scalar.Tag = fresh.Tag;
    }
}
