using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Cheap reads of string fields on hot paths (every transformer asks for ids many times per object); the general
/// <see cref="Yaml.GoYamlDialect"/> resolution runs regular expressions, which is needless to recognise a null.
/// </summary>
internal static class NodeText
{
    /// <summary>True for a plain (or <c>!!null</c>-tagged) null: empty, <c>~</c> or <c>null</c> in any YAML 1.2 case.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Tag.IsEmpty
            ? scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && (scalar.Value is null || GoYamlDialect.IsNullText(scalar.Value))
            : scalar.Tag.Value == "tag:yaml.org,2002:null";

    /// <summary>The text of a scalar field, or <see langword="null"/> when absent, null or not a scalar.</summary>
    public static string? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;
}
