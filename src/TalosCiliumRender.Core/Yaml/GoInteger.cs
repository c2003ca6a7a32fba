using System.Numerics;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>Go's strconv.ParseInt and ParseUint with base 0, which go-yaml reads plain integers with.</summary>
internal static class GoInteger
{
    /// <summary>Go's ParseInt or ParseUint (64 bits) would accept it.</summary>
    public static bool Fits(BigInteger value) => value >= long.MinValue && value <= ulong.MaxValue;

    /// <summary>strconv.ParseInt/ParseUint with base 0: decimal, 0x, 0o, 0b and leading-zero octal.</summary>
    public static BigInteger? TryParse(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        if (text.Length - digits.Length > 1 || digits.Length == 0)
        {
            return null;
        }

        var (radix, body) = digits.Length > 1 && digits[0] == '0'
            ? char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            }
            : (10, digits);
        if (body.Length == 0)
        {
            return null;
        }

        BigInteger result = 0;
        foreach (var c in body)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return null;
            }

            result = (result * radix) + d;
        }

        result = negative ? -result : result;
        return result < long.MinValue || result > ulong.MaxValue ? null : result;
    }
}
