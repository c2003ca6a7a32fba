using System.Globalization;
using System.Numerics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A document as kustomize holds it just before printing: decoded the way go-yaml v3 decodes into Go values
/// (plain <c>0440</c> is octal 288, plain dates are times, <c>yes</c> is a string), then passed through JSON.
/// Kinds: <see langword="null"/>, <see cref="bool"/>, <see cref="BigInteger"/>, <see cref="double"/>,
/// <see cref="string"/>, a list of pairs (a map), a list of values (a sequence).
/// </summary>
internal static class KustomizeValue
{
    public static object? From(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var pairs = new List<KeyValuePair<string, object?>>(map.Children.Count);
                foreach (var (key, value) in map.Children)
                {
                    pairs.Add(new KeyValuePair<string, object?>(FoldNextLines(KeyText(key)), From(value)));
                }

                return pairs;
            case YamlSequenceNode sequence:
                var items = new List<object?>(sequence.Children.Count);
                foreach (var item in sequence.Children)
                {
                    items.Add(From(item));
                }

                return items;
            case YamlScalarNode scalar:
                var typed = Scalar(scalar);
                return typed is string text ? FoldNextLines(text) : typed;
            default:
                return null;
        }
    }

    /// <summary>The text kustomize's JSON round trip leaves on a scalar: its value as go-yaml writes it back, a string as itself.</summary>
    public static string JsonText(YamlScalarNode scalar) => Scalar(scalar) switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        double d => GoFloat.Format(d),
        var other => other.ToString() ?? string.Empty,
    };

    /// <summary>
    /// kustomize's last step reads its JSON back as YAML 1.1, where a raw NEL (U+0085, which JSON leaves unescaped)
    /// inside a double-quoted string is a line break and folds like one: with the spaces around it, a single NEL
    /// becomes a space and n of them in a row n - 1 line feeds.
    /// </summary>
    private static string FoldNextLines(string text)
    {
        if (!text.Contains('\u0085', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var run = i;
            while (run < text.Length && text[run] == ' ')
            {
                run++;
            }

            if (run == text.Length || text[run] != '\u0085')
            {
                result.Append(text, i, run - i);
                if (run < text.Length)
                {
                    result.Append(text[run]);
                }

                i = run + 1;
                continue;
            }

            var breaks = 0;
            while (run < text.Length && text[run] is ' ' or '\u0085')
            {
                breaks += text[run] == '\u0085' ? 1 : 0;
                run++;
            }

            result.Append(breaks == 1 ? " " : new string('\n', breaks - 1));
            i = run;
        }

        return result.ToString();
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : key.ToString();

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null)
        {
            return tag switch
            {
                "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null" => Plain(value) ?? value,
                _ => value,
            };
        }

        return scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any ? Plain(value) : value;
    }

    /// <summary>go-yaml v3's resolution of an untagged plain scalar, followed by the JSON round trip.</summary>
    private static object? Plain(string value)
    {
        if (GoYamlDialect.IsNullText(value))
        {
            return null;
        }

        if (GoYamlDialect.CoreBool(value) is { } boolean)
        {
            return boolean;
        }

        if (GoYamlDialect.IsInfinityOrNaN(value))
        {
            // JSON cannot hold these; kustomize fails on them. Keep the text rather than fail here.
            return value;
        }

        var first = value[0];
        if (first == '.')
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Number(d) : value;
        }

        if (first is not ((>= '0' and <= '9') or '+' or '-'))
        {
            return value;
        }

        if (TryTimestamp(value) is { } time)
        {
            return time;
        }

        var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (GoInteger.TryParse(plain) is { } integer && GoInteger.Fits(integer))
        {
            return integer;
        }

        if (GoYamlDialect.YamlStyleFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return Number(f);
        }

        return value;
    }

    /// <summary>A float after JSON: integral values print without a fraction, and then read back as ints.</summary>
    /// <remarks>
    /// JSON writes an integral float below 1e21 as its shortest digits padded with zeros ("1000", but
    /// "-9223372036854776000" for -2^63), and YAML reads that back as an integer only when it fits 64 bits.
    /// </remarks>
    private static object Number(double value)
    {
        if (Math.Floor(value) != value || Math.Abs(value) >= 1e21)
        {
            return value;
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = shortest.IndexOf('E', StringComparison.Ordinal);
        var integer = exponent < 0
            ? BigInteger.Parse(shortest, CultureInfo.InvariantCulture)
            : BigInteger.Parse(shortest[..exponent].Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
                * BigInteger.Pow(10, int.Parse(shortest[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - Math.Max(0, shortest[..exponent].TrimStart('-').Length - 2));
        return GoInteger.Fits(integer) ? integer : value;
    }

    private static string? TryTimestamp(string value)
    {
        var match = GoYamlDialect.GoTimestamp().Match(value);
        if (!match.Success)
        {
            return null;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        if (Part("m") is < 1 or > 12 || Part("d") < 1 || Part("d") > DateTime.DaysInMonth(Part("y"), Part("m"))
            || (match.Groups["h"].Success && (Part("h") > 23 || Part("mi") > 59 || Part("s") > 59)))
        {
            return null;
        }

        var date = new DateTime(Part("y"), Part("m"), Part("d"), 0, 0, 0, DateTimeKind.Utc);
        if (!match.Groups["h"].Success)
        {
            return date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        var time = date.AddHours(Part("h")).AddMinutes(Part("mi")).AddSeconds(Part("s"));
        var fraction = match.Groups["f"].Success ? match.Groups["f"].Value.TrimEnd('0') : string.Empty;
        var zone = match.Groups["z"].Value;
        var suffix = zone.Length == 0 || zone == "Z" ? "Z" : NormalizeZone(zone);
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : string.Empty) + suffix;

        static string NormalizeZone(string zone)
        {
            var sign = zone[0];
            var parts = zone[1..].Split(':');
            var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var minutes = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            return hours == 0 && minutes == 0 ? "Z" : string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:00}:{minutes:00}");
        }
    }
}
