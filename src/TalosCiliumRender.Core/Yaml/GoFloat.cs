using System.Globalization;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>Go's formatting of a float64 as go-yaml writes it, so numbers kustomize prints come out with Go's digits.</summary>
internal static class GoFloat
{
    /// <summary>go-yaml v2's formatting of a float64 (strconv 'g', shortest), with YAML's names for infinities.</summary>
    public static string Format(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return ".inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-.inf";
        }

        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // Shortest round-trip digits and the decimal exponent, read from .NET's shortest form.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        text = text.TrimStart('-');
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : text.Remove(point, 1);
        var pointPosition = (point < 0 ? text.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leading;
        if (digits.Length == 0)
        {
            return "0";
        }

        var exp = pointPosition - 1;
        string body;
        if (exp < -4 || exp >= 6)
        {
            // %e form: d.ddde±XX, at least two exponent digits.
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (pointPosition <= 0)
        {
            body = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            body = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            body = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return (negative ? "-" : string.Empty) + body;
    }
}
