using System.Globalization;
using System.Numerics;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// YAML as sigs.k8s.io/yaml reads it (kustomize's own file and JSON 6902 bodies, helm's values file): decoded by
/// go-yaml v2, which follows YAML 1.1, then passed through JSON. So plain <c>y</c>, <c>yes</c>, <c>on</c> are true
/// (also as keys, which become <c>"true"</c>), <c>0o17</c>, <c>012</c> and <c>1_000</c> are numbers, and a date stays
/// a string; kustomize's resources and strategic merge patches, which it reads as YAML 1.2, do not go through here.
/// </summary>
internal static class SigsYaml
{
    /// <summary>The value of a JSON 6902 operation: a copy whose plain scalars are typed as go-yaml v2 types them.</summary>
    /// <remarks>Keys that read the same (<c>y</c> and <c>yes</c>) collapse into one, the last winning, as in kustomize.</remarks>
    public static YamlNode JsonPatchValue(YamlNode value)
    {
        switch (value)
        {
            case YamlMappingNode map:
                var copy = new YamlMappingNode();
                foreach (var (key, child) in map.Children)
                {
                    copy.Children[key is YamlScalarNode scalarKey ? Key(scalarKey) : key] = JsonPatchValue(child);
                }

                return copy;
            case YamlSequenceNode list:
                return new YamlSequenceNode(list.Children.Select(JsonPatchValue));
            case YamlScalarNode scalar when IsUntaggedPlain(scalar):
                return GoYamlDialect.ResolveV2(scalar.Value ?? string.Empty) switch
                {
                    null => ScalarFactory.Null(),
                    bool b => ScalarFactory.Bool(b),
                    BigInteger i => new YamlScalarNode(i.ToString(CultureInfo.InvariantCulture)) { Style = YamlDotNet.Core.ScalarStyle.Plain },
                    double d => new YamlScalarNode(d.ToString("R", CultureInfo.InvariantCulture)) { Style = YamlDotNet.Core.ScalarStyle.Plain },
                    var text => ScalarFactory.String((string)text),
                };
            default:
                return YamlNodes.DeepClone(value);
        }
    }

    /// <summary>A map key as JSON has it: always a string, the text of what go-yaml v2 read (<c>y</c> is "true").</summary>
    public static YamlScalarNode Key(YamlScalarNode key)
    {
        if (!IsUntaggedPlain(key))
        {
            return key;
        }

        return ScalarFactory.String(GoYamlDialect.ResolveV2(key.Value ?? string.Empty) switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            BigInteger i => i.ToString(CultureInfo.InvariantCulture),
            _ => key.Value ?? string.Empty,
        });
    }

    public static bool IsUntaggedPlain(YamlScalarNode scalar) =>
        scalar.Tag.IsEmpty && scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any;
}
