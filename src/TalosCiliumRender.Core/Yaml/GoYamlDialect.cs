using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// How plain scalars resolve to types in the YAML dialects this tool meets: go-yaml v3 (YAML 1.2 core schema plus
/// leading-zero octal ints; kustomize's resources), go-yaml v2 (YAML 1.1: sigs.k8s.io/yaml, so kustomize's own file,
/// JSON 6902 bodies, kustomize's output and helm's values file), and what a scalar built in code must avoid so that
/// every one of those readers reads back the same type. The null, boolean and special-float tables live only here.
/// </summary>
internal static partial class GoYamlDialect
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

    /// <summary>Plain text every dialect reads as null (YAML 1.1 and 1.2 agree).</summary>
    public static bool IsNullText(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The YAML 1.2 core booleans (go-yaml v3): <c>true</c> and <c>false</c> in three casings.</summary>
    public static bool? CoreBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    /// <summary>The YAML 1.1 booleans (go-yaml v2): the core ones plus <c>y</c>, <c>yes</c>, <c>on</c> and their negations.</summary>
    public static bool? Yaml11Bool(string text) => CoreBool(text) ?? text switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    /// <summary>The special floats both versions read: signed infinities and NaN, in three casings.</summary>
    public static bool IsInfinityOrNaN(string text) =>
        text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN";

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
        if (IsNullText(value))
        {
            return Kind.Null;
        }

        if (CoreBool(value) is not null)
        {
            return Kind.Bool;
        }

        if (Yaml12Int().IsMatch(value))
        {
            return Kind.Int;
        }

        return IsInfinityOrNaN(value) || YamlStyleFloat().IsMatch(value) ? Kind.Float : Kind.String;
    }

    /// <summary>
    /// Whether <see cref="Resolve"/> would say null, without its regular expressions: identities and field reads ask
    /// this for every name on kustomize's hot paths.
    /// </summary>
    public static bool IsNull(YamlScalarNode scalar)
    {
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return false;
        }

        return scalar.Tag.IsEmpty
            ? IsNullText(scalar.Value ?? string.Empty)
            : scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:null" => true,
                "tag:yaml.org,2002:str" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" => false,
                _ => IsNullText(scalar.Value ?? string.Empty),
            };
    }

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
        || Yaml11Bool(value) is not null
        || Yaml11Int().IsMatch(value)
        || Yaml11Float().IsMatch(value)
        || Yaml11Timestamp().IsMatch(value)
        || value == "<<"
        || value == "="
        || ResolveV2(value) is not string; // what go-yaml reads beyond the spec's patterns: 0X1F, -_1, 1e1_0

    /// <summary>go-yaml v2's resolution of a plain scalar decoded into an untyped value (sigs.k8s.io/yaml's first step).</summary>
    /// <returns><see langword="null"/>, a <see cref="bool"/>, a <see cref="System.Numerics.BigInteger"/>, a <see cref="double"/> or the text.</returns>
    public static object? ResolveV2(string text)
    {
        if (IsNullText(text))
        {
            return null;
        }

        if (Yaml11Bool(text) is { } boolean)
        {
            return boolean;
        }

        if (text[0] is not ((>= '0' and <= '9') or '+' or '-' or '.'))
        {
            return text;
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);

        // strconv.ParseInt, then ParseUint: beyond 64 bits a number is a float.
        if (GoInteger.TryParse(plain) is { } integer && GoInteger.Fits(integer))
        {
            return integer;
        }

        // Infinities and NaN cannot pass through JSON (kustomize fails on them); they stay text here. A timestamp
        // decoded into an untyped value stays text in go-yaml v2.
        return YamlStyleFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : text;
    }

    /// <summary>
    /// True when go-yaml v2's encoder would not write this string plain: its reader would take the text for another
    /// type (timestamps and special floats included), or it is a base-60 float, which go-yaml quotes for YAML 1.1 readers.
    /// </summary>
    public static bool V2ResolvesToNonString(string value)
    {
        if (IsNullText(value) || Yaml11Bool(value) is not null || IsInfinityOrNaN(value))
        {
            return true;
        }

        var first = value[0];
        if (first == '.')
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && YamlStyleFloat().IsMatch(value);
        }

        if (first is not ((>= '0' and <= '9') or '+' or '-'))
        {
            return false;
        }

        if (GoTimestamp().IsMatch(value))
        {
            return true;
        }

        var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
        return (GoInteger.TryParse(plain) is { } integer && GoInteger.Fits(integer))
            || YamlStyleFloat().IsMatch(plain) || Base60Float().IsMatch(value);
    }

    /// <summary>go-yaml's <c>yamlStyleFloat</c>: the float syntax both versions accept, after removing underscores.</summary>
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    public static partial Regex YamlStyleFloat();

    /// <summary>
    /// go-yaml's timestamp layouts: a date; date, T, time and a zone; or date, one space and a time without zone.
    /// Groups: y, m, d, h, mi, s, f (fraction), z (zone).
    /// </summary>
    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:[Tt](?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.(?<f>[0-9]+))?(?<z>Z|[-+][0-9]{2}:[0-9]{2})|[ ](?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.(?<f>[0-9]+))?)?$")]
    public static partial Regex GoTimestamp();

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

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex Yaml12Int();

    [GeneratedRegex("^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Yaml11Int();

    // The spec's float pattern without its infinities and NaN, which IsInfinityOrNaN holds.
    [GeneratedRegex(@"^([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?[0-9]+[eE][-+]?[0-9]+)$")]
    private static partial Regex Yaml11Float();

    // The spec's timestamp pattern, broader than go-yaml's layouts: any YAML 1.1 reader may take these for a time.
    [GeneratedRegex(@"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|\s+)?([0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]*)?)?)?(\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?|[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)$")]
    private static partial Regex Yaml11Timestamp();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();
}
