using System.Globalization;
using System.Numerics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// YAML as kustomize reads its own file and JSON 6902 bodies: through sigs.k8s.io/yaml, whose go-yaml v2 decoder
/// follows YAML 1.1. So plain <c>y</c>, <c>yes</c>, <c>on</c> are true (also as keys, which become <c>"true"</c>),
/// <c>0o17</c>, <c>012</c> and <c>1_000</c> are numbers, and a date stays a string; resources and strategic merge
/// patches, which kustomize reads as YAML 1.2, do not go through here.
/// </summary>
internal static class GoYamlV2
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
                return Resolve(scalar.Value ?? string.Empty) switch
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

        return ScalarFactory.String(Resolve(key.Value ?? string.Empty) switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            BigInteger i => i.ToString(CultureInfo.InvariantCulture),
            _ => key.Value ?? string.Empty,
        });
    }

    public static bool IsUntaggedPlain(YamlScalarNode scalar) =>
        scalar.Tag.IsEmpty && scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any;

    /// <summary>go-yaml v2's resolution of a plain scalar decoded into an untyped value.</summary>
    /// <returns><see langword="null"/>, a <see cref="bool"/>, a <see cref="BigInteger"/>, a <see cref="double"/> or the text.</returns>
    public static object? Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                return false;
        }

        if (text[0] is not ((>= '0' and <= '9') or '+' or '-' or '.'))
        {
            return text;
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);

        // strconv.ParseInt, then ParseUint: beyond 64 bits a number is a float.
        if (KustomizeValue.TryGoInt(plain) is { } integer && KustomizeValue.FitsGoInteger(integer))
        {
            return integer;
        }

        // Infinities and NaN cannot pass through JSON (kustomize fails on them); they stay text here.
        return KustomizeValue.YamlStyleFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : text;
    }
}
