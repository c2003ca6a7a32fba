using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// How plain scalars resolve to types, and how scalars built in code are styled so that every YAML reader
/// (YAML 1.1 like go-yaml v2 and helm's values parser, YAML 1.2 like go-yaml v3 and kustomize) reads back
/// the same type.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>The type a scalar resolves to.</summary>
    public enum Kind
    {
        String,
        Null,
        Bool,
        Int,
        Float,
    }

    /// <summary>Resolves as go-yaml v3 does (YAML 1.2 core schema, plus its leading-zero octal ints).</summary>
    public static Kind Resolve(YamlScalarNode scalar)
    {
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return Kind.String;
        }

        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        return tag switch
        {
            "tag:yaml.org,2002:str" => Kind.String,
            "tag:yaml.org,2002:int" => Kind.Int,
            "tag:yaml.org,2002:float" => Kind.Float,
            "tag:yaml.org,2002:bool" => Kind.Bool,
            "tag:yaml.org,2002:null" => Kind.Null,
            _ => ResolvePlain(scalar.Value ?? string.Empty),
        };
    }

    public static Kind ResolvePlain(string value)
    {
        if (Yaml12Null().IsMatch(value))
        {
            return Kind.Null;
        }

        if (Yaml12Bool().IsMatch(value))
        {
            return Kind.Bool;
        }

        if (Yaml12Int().IsMatch(value))
        {
            return Kind.Int;
        }

        return Yaml12Float().IsMatch(value) ? Kind.Float : Kind.String;
    }

    public static bool IsNull(YamlScalarNode scalar) => Resolve(scalar) == Kind.Null;

    /// <summary>
    /// A canonical form of the scalar's value for its resolved type, so <c>0x1F</c> equals <c>31</c> and
    /// <c>True</c> equals <c>true</c>.
    /// </summary>
    public static (Kind Kind, string Value) Canonical(YamlScalarNode scalar)
    {
        var kind = Resolve(scalar);
        var value = scalar.Value ?? string.Empty;
        return kind switch
        {
            Kind.Null => (kind, string.Empty),
            Kind.Bool => (kind, value.ToLowerInvariant()),
            Kind.Int => (kind, CanonicalInt(value)),
            Kind.Float => (kind, CanonicalFloat(value)),
            _ => (kind, value),
        };
    }

    /// <summary>
    /// True when a plain scalar with this text would be read as something other than a string by YAML 1.1
    /// or YAML 1.2 readers (booleans like <c>on</c>/<c>y</c>, nulls, ints including octal and sexagesimal,
    /// floats, timestamps), so it must be quoted to stay a string.
    /// </summary>
    public static bool IsAmbiguousAsPlain(string value) =>
        value.Length == 0
        || ResolvePlain(value) != Kind.String
        || Yaml11Bool().IsMatch(value)
        || Yaml11Int().IsMatch(value)
        || Yaml11Float().IsMatch(value)
        || Timestamp().IsMatch(value)
        || value == "<<"
        || value == "="
        || Kustomize.GoYamlV2.Resolve(value) is not string; // what go-yaml reads beyond the spec's patterns: 0X1F, -_1, 1e1_0

    private static string CanonicalInt(string value)
    {
        var text = value.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        text = text.TrimStart('+', '-');
        System.Numerics.BigInteger number;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            number = System.Numerics.BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        else if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            number = ParseOctal(text[2..]);
        }
        else if (text.Length > 1 && text[0] == '0')
        {
            number = ParseOctal(text[1..]);
        }
        else
        {
            number = System.Numerics.BigInteger.Parse(text, CultureInfo.InvariantCulture);
        }

        return (negative ? -number : number).ToString(CultureInfo.InvariantCulture);
    }

    private static System.Numerics.BigInteger ParseOctal(string digits)
    {
        System.Numerics.BigInteger n = 0;
        foreach (var c in digits)
        {
            n = (n * 8) + (c - '0');
        }

        return n;
    }

    private static string CanonicalFloat(string value)
    {
        var lower = value.ToLowerInvariant();
        if (lower.EndsWith(".inf", StringComparison.Ordinal))
        {
            return lower.StartsWith('-') ? "-inf" : "inf";
        }

        if (lower == ".nan")
        {
            return "nan";
        }

        return double.Parse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture)
            .ToString("R", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex Yaml12Null();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex Yaml12Bool();

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex Yaml12Int();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Yaml12Float();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Yaml11Bool();

    [GeneratedRegex("^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Yaml11Int();

    [GeneratedRegex(@"^([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?[0-9]+[eE][-+]?[0-9]+)$")]
    private static partial Regex Yaml11Float();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|\s+)?([0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]*)?)?)?(\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?|[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)$")]
    private static partial Regex Timestamp();
}
