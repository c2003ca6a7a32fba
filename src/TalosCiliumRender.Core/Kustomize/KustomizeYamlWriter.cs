using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Prints documents the way <c>kubectl kustomize</c> does: each object goes through JSON and out through go-yaml v2
/// (sigs.k8s.io/yaml), so keys are sorted in go-yaml's natural order, strings another YAML 1.1 reader would take
/// for a number, bool, null or date are double-quoted, multi-line strings become literal blocks, and long plain
/// or quoted strings fold at column 80. Documents are separated by <c>---</c>, lines end in <c>\n</c>.
/// </summary>
internal static partial class KustomizeYamlWriter
{
    private const int BestWidth = 80;
    private const int BestIndent = 2;

    public static string Write(IEnumerable<object?> documents)
    {
        var writer = new Writer();
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                writer.Raw("---\n");
            }

            first = false;
            writer.Document(document);
        }

        return writer.ToString();
    }

    /// <summary>go-yaml v2's key order: runs of digits compare as numbers, letters sort after other characters.</summary>
    public static int CompareKeys(string a, string b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }

            // Equal text before the first difference compares the same by runes or by chars; only a surrogate at
            // the difference needs runes (to classify the letter and order by code point).
            return char.IsSurrogate(a[i]) || char.IsSurrogate(b[i]) ? CompareKeys(Runes(a), Runes(b)) : CompareAt(a, b, i);
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareAt(string a, string b, int i)
    {
        var al = char.IsLetter(a[i]);
        var bl = char.IsLetter(b[i]);
        if (al && bl)
        {
            return a[i].CompareTo(b[i]);
        }

        if (al || bl)
        {
            return bl ? -1 : 1;
        }

        long an = 0, bn = 0;
        if (a[i] == '0' || b[i] == '0')
        {
            for (var j = i - 1; j >= 0 && char.IsAsciiDigit(a[j]); j--)
            {
                if (a[j] != '0')
                {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }

        int ai, bi;
        for (ai = i; ai < a.Length && char.IsAsciiDigit(a[ai]); ai++)
        {
            an = (an * 10) + (a[ai] - '0');
        }

        for (bi = i; bi < b.Length && char.IsAsciiDigit(b[bi]); bi++)
        {
            bn = (bn * 10) + (b[bi] - '0');
        }

        if (an != bn)
        {
            return an.CompareTo(bn);
        }

        return ai != bi ? ai.CompareTo(bi) : a[i].CompareTo(b[i]);
    }

    private static int CompareKeys(int[] ar, int[] br)
    {
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                continue;
            }

            var al = Rune.IsLetter(new Rune(ar[i]));
            var bl = Rune.IsLetter(new Rune(br[i]));
            if (al && bl)
            {
                return ar[i].CompareTo(br[i]);
            }

            if (al || bl)
            {
                return bl ? -1 : 1;
            }

            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0')
            {
                for (var j = i - 1; j >= 0 && IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            int ai, bi;
            for (ai = i; ai < ar.Length && IsDigit(ar[ai]); ai++)
            {
                an = (an * 10) + (ar[ai] - '0');
            }

            for (bi = i; bi < br.Length && IsDigit(br[bi]); bi++)
            {
                bn = (bn * 10) + (br[bi] - '0');
            }

            if (an != bn)
            {
                return an.CompareTo(bn);
            }

            return ai != bi ? ai.CompareTo(bi) : ar[i].CompareTo(br[i]);
        }

        return ar.Length.CompareTo(br.Length);

        static bool IsDigit(int c) => c is >= '0' and <= '9';
    }

    private static bool HasSurrogates(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int[] Runes(string text)
    {
        if (!HasSurrogates(text))
        {
            var chars = new int[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                chars[i] = text[i];
            }

            return chars;
        }

        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.Value);
        }

        return [.. result];
    }

    /// <summary>go-yaml v2's formatting of a float64 (strconv 'g', shortest), with YAML's names for infinities.</summary>
    public static string FormatFloat(double value)
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

    /// <summary>True when go-yaml v2 would read this plain text as something other than a string.</summary>
    public static bool ResolvesToNonString(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        switch (value)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
                or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
                or "on" or "On" or "ON" or "off" or "Off" or "OFF"
                or "~" or "null" or "Null" or "NULL"
                or ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF"
                or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                return true;
        }

        var first = value[0];
        if (first == '.')
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && GoFloatSyntax().IsMatch(value);
        }

        if (first is not ((>= '0' and <= '9') or '+' or '-'))
        {
            return false;
        }

        if (V2Timestamp().IsMatch(value))
        {
            return true;
        }

        var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
        return (V2Int().IsMatch(plain) && KustomizeValue.TryGoInt(plain) is { } integer && KustomizeValue.FitsGoInteger(integer))
            || KustomizeValue.YamlStyleFloat().IsMatch(plain) || Base60Float().IsMatch(value);
    }

    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$")]
    private static partial Regex V2Int();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex GoFloatSyntax();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})|[ ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?)?$")]
    private static partial Regex V2Timestamp();

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private int _column;
        private bool _whitespace = true;
        private bool _indention = true;

        public override string ToString() => _text.ToString();

        public void Raw(string text)
        {
            _text.Append(text);
            _column = 0;
            _whitespace = true;
            _indention = true;
        }

        public void Document(object? root)
        {
            switch (root)
            {
                case List<KeyValuePair<string, object?>> { Count: > 0 } map:
                    Mapping(map, 0, inline: false);
                    break;
                case List<object?> { Count: > 0 } list:
                    Sequence(list, 0, inline: false);
                    break;
                default:
                    Value(root, 0);
                    break;
            }

            if (_column != 0)
            {
                Break();
            }
        }

        private void Mapping(List<KeyValuePair<string, object?>> map, int indent, bool inline)
        {
            // The list belongs to this write (built by KustomizeValue), so it is sorted in place.
            map.Sort(static (x, y) => CompareKeys(x.Key, y.Key));
            var first = true;
            foreach (var (key, value) in map)
            {
                if (!(first && inline))
                {
                    Indent(indent);
                }

                first = false;
                String(key, indent + BestIndent, simpleKey: true);
                Put(':');
                _whitespace = false;
                switch (value)
                {
                    case List<KeyValuePair<string, object?>> { Count: > 0 } child:
                        Mapping(child, indent + BestIndent, inline: false);
                        break;
                    case List<object?> { Count: > 0 } items:
                        // Block sequences inside a mapping are not indented further (indentless).
                        Sequence(items, indent, inline: false);
                        break;
                    default:
                        Value(value, indent + BestIndent);
                        break;
                }
            }
        }

        private void Sequence(List<object?> items, int indent, bool inline)
        {
            var first = true;
            foreach (var item in items)
            {
                if (!(first && inline))
                {
                    Indent(indent);
                }

                first = false;
                Indicator("-", needWhitespace: true);
                switch (item)
                {
                    case List<KeyValuePair<string, object?>> { Count: > 0 } map:
                        Put(' ');
                        _whitespace = true;
                        Mapping(map, indent + BestIndent, inline: true);
                        break;
                    case List<object?> { Count: > 0 } list:
                        Put(' ');
                        _whitespace = true;
                        Sequence(list, indent + BestIndent, inline: true);
                        break;
                    default:
                        Value(item, indent + BestIndent);
                        break;
                }
            }
        }

        private void Value(object? value, int indent)
        {
            switch (value)
            {
                case null:
                    PlainText("null");
                    break;
                case bool b:
                    PlainText(b ? "true" : "false");
                    break;
                case BigInteger i:
                    PlainText(i.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    PlainText(FormatFloat(d));
                    break;
                case string s:
                    String(s, indent, simpleKey: false);
                    break;
                case List<KeyValuePair<string, object?>>:
                    Indicator("{}", needWhitespace: true);
                    break;
                case List<object?>:
                    Indicator("[]", needWhitespace: true);
                    break;
                default:
                    PlainText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }

        private void PlainText(string text)
        {
            if (!_whitespace)
            {
                Put(' ');
            }

            foreach (var c in text)
            {
                Put(c);
            }

            _whitespace = false;
            _indention = false;
        }

        private void String(string value, int indent, bool simpleKey)
        {
            var analysis = Analysis.Of(value);
            var style = value.Contains('\n', StringComparison.Ordinal) ? Style.Literal
                : !ResolvesToNonString(value) ? Style.Plain
                : Style.Double;
            if (simpleKey && analysis.Multiline)
            {
                style = Style.Double;
            }

            if (style == Style.Plain && (!analysis.BlockPlainAllowed || (value.Length == 0 && simpleKey)))
            {
                style = Style.Single;
            }

            if (style == Style.Single && !analysis.SingleQuotedAllowed)
            {
                style = Style.Double;
            }

            if (style == Style.Literal && (!analysis.BlockAllowed || simpleKey))
            {
                style = Style.Double;
            }

            var allowBreaks = !simpleKey;
            switch (style)
            {
                case Style.Plain:
                    Plain(value, indent, allowBreaks);
                    break;
                case Style.Single:
                    Single(value, indent, allowBreaks);
                    break;
                case Style.Double:
                    Double(value, indent, allowBreaks);
                    break;
                default:
                    Literal(value, indent);
                    break;
            }
        }

        private void Plain(string value, int indent, bool allowBreaks)
        {
            if (!_whitespace)
            {
                Put(' ');
            }

            // Folding happens only at a space past the best width; most values cannot reach it.
            if (!allowBreaks || _column + value.Length <= BestWidth || !value.Contains(' ', StringComparison.Ordinal))
            {
                _text.Append(value);
                _column += value.Length;
                _whitespace = false;
                _indention = false;
                return;
            }

            var spaces = false;
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == ' ')
                {
                    if (allowBreaks && !spaces && _column > BestWidth && i + 1 < value.Length && value[i + 1] != ' ')
                    {
                        Indent(indent);
                    }
                    else
                    {
                        Put(value[i]);
                    }

                    spaces = true;
                }
                else
                {
                    Put(value[i]);
                    spaces = false;
                }
            }

            _whitespace = false;
            _indention = false;
        }

        private void Single(string value, int indent, bool allowBreaks)
        {
            Indicator("'", needWhitespace: true);
            var spaces = false;
            var breaks = false;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == ' ')
                {
                    if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < value.Length - 1 && value[i + 1] != ' ')
                    {
                        Indent(indent);
                    }
                    else
                    {
                        Put(c);
                    }

                    spaces = true;
                }
                else if (IsBreak(c))
                {
                    if (!breaks && c == '\n')
                    {
                        Break();
                    }

                    WriteBreak(c);
                    _indention = true;
                    breaks = true;
                }
                else
                {
                    if (breaks)
                    {
                        Indent(indent);
                    }

                    if (c == '\'')
                    {
                        Put('\'');
                    }

                    Put(c);
                    _indention = false;
                    spaces = false;
                    breaks = false;
                }
            }

            Indicator("'", needWhitespace: false);
        }

        private void Double(string value, int indent, bool allowBreaks)
        {
            Indicator("\"", needWhitespace: true);

            // go-yaml's BOM test looks at the start of the value, not at the character, so a value that starts with a
            // BOM has every character escaped.
            var escapeAll = value.StartsWith('\uFEFF');
            var spaces = false;
            for (var i = 0; i < value.Length; i++)
            {
                int c = value[i];
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    // Outside the BMP, which libyaml never prints raw.
                    c = char.ConvertToUtf32(value[i], value[i + 1]);
                    i++;
                }

                if (escapeAll || !IsPrintable(c) || c == 0xFEFF || IsBreak(c) || c == '"' || c == '\\')
                {
                    Put('\\');
                    var escape = c switch
                    {
                        0x00 => "0",
                        0x07 => "a",
                        0x08 => "b",
                        0x09 => "t",
                        0x0A => "n",
                        0x0B => "v",
                        0x0C => "f",
                        0x0D => "r",
                        0x1B => "e",
                        0x22 => "\"",
                        0x5C => "\\",
                        0x85 => "N",
                        0xA0 => "_",
                        0x2028 => "L",
                        0x2029 => "P",
                        <= 0xFF => "x" + c.ToString("X2", CultureInfo.InvariantCulture),
                        <= 0xFFFF => "u" + c.ToString("X4", CultureInfo.InvariantCulture),
                        _ => "U" + c.ToString("X8", CultureInfo.InvariantCulture),
                    };
                    foreach (var e in escape)
                    {
                        Put(e);
                    }

                    spaces = false;
                }
                else if (c == ' ')
                {
                    if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != value.Length - 1)
                    {
                        Indent(indent);
                        if (i + 1 < value.Length && value[i + 1] == ' ')
                        {
                            Put('\\');
                        }
                    }
                    else
                    {
                        Put(c);
                    }

                    spaces = true;
                }
                else
                {
                    Put(c);
                    spaces = false;
                }
            }

            Indicator("\"", needWhitespace: false);
        }

        private void Literal(string value, int indent)
        {
            Indicator("|", needWhitespace: true);
            if (value.Length > 0 && (value[0] == ' ' || IsBreak(value[0])))
            {
                Indicator(BestIndent.ToString(CultureInfo.InvariantCulture), needWhitespace: false);
            }

            if (value.Length == 0 || !IsBreak(value[^1]))
            {
                Indicator("-", needWhitespace: false);
            }
            else if (value.Length == 1 || IsBreak(value[^2]))
            {
                Indicator("+", needWhitespace: false);
            }

            Break();
            _indention = true;
            _whitespace = true;
            var lineStart = 0;
            while (lineStart < value.Length)
            {
                var end = value.AsSpan(lineStart).IndexOfAny(LineBreaks);
                end = end < 0 ? value.Length : lineStart + end;
                if (end > lineStart)
                {
                    Indent(indent);
                    _text.Append(value, lineStart, end - lineStart);
                    _column += end - lineStart;
                    _indention = false;
                }

                if (end < value.Length)
                {
                    WriteBreak(value[end]);
                    _indention = true;
                }

                lineStart = end + 1;
            }
        }

        private void Indicator(string indicator, bool needWhitespace)
        {
            if (needWhitespace && !_whitespace)
            {
                Put(' ');
            }

            foreach (var c in indicator)
            {
                Put(c);
            }

            _whitespace = false;
            _indention = false;
        }

        private void Indent(int indent)
        {
            if (!_indention || _column > indent || (_column == indent && !_whitespace))
            {
                Break();
            }

            while (_column < indent)
            {
                Put(' ');
            }

            _whitespace = true;
            _indention = true;
        }

        private void Break()
        {
            _text.Append('\n');
            _column = 0;
        }

        /// <summary>
        /// libyaml's write_break: a line feed starts a new line; any other line break (CR, NEL, LS, PS) is written
        /// as it is and only resets the column, so the indentation that follows lands on the same line.
        /// </summary>
        private void WriteBreak(char c)
        {
            if (c == '\n')
            {
                Break();
            }
            else
            {
                _text.Append(c);
                _column = 0;
            }
        }

        private void Put(int c)
        {
            if (c < 0x10000)
            {
                _text.Append((char)c);
            }
            else
            {
                _text.Append(char.ConvertFromUtf32(c));
            }

            _column++;
        }
    }

    private enum Style
    {
        Plain,
        Single,
        Double,
        Literal,
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\r\n\u0085\u2028\u2029");

    /// <summary>Characters that can never make a plain scalar need quotes or another style, anywhere in it.</summary>
    private static readonly System.Buffers.SearchValues<char> Ordinary = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-");

    private static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsBlankOrEnd(string value, int i) => i >= value.Length || value[i] is ' ' or '\t' || IsBreak(value[i]);

    /// <summary>libyaml's printable set: no C0/C1 controls (tab included), no surrogates, nothing beyond the BMP.</summary>
    private static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    /// <summary>libyaml's scalar analysis: which styles can carry the value unchanged.</summary>
    private readonly record struct Analysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
    {
        public static Analysis Of(string value)
        {
            if (value.Length == 0)
            {
                return new Analysis(false, true, true, false);
            }

            // Names, versions, paths: a letter or digit first and nothing special after it allows every style.
            if (char.IsAsciiLetterOrDigit(value[0]) && !value.AsSpan().ContainsAnyExcept(Ordinary))
            {
                return new Analysis(false, true, true, true);
            }

            bool blockIndicators = false, lineBreaks = false, specialCharacters = false;
            bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
            bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
            if (value.Length >= 3 && ((value[0] == '-' && value[1] == '-' && value[2] == '-') || (value[0] == '.' && value[1] == '.' && value[2] == '.')))
            {
                blockIndicators = true;
            }

            var precededByWhitespace = true;
            var followedByWhitespace = IsBlankOrEnd(value, 1);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (i == 0)
                {
                    switch (c)
                    {
                        case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                            blockIndicators = true;
                            break;
                        case '?' or ':':
                            if (followedByWhitespace)
                            {
                                blockIndicators = true;
                            }

                            break;
                        case '-':
                            if (followedByWhitespace)
                            {
                                blockIndicators = true;
                            }

                            break;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case ',' or '?' or '[' or ']' or '{' or '}':
                            break;
                        case ':':
                            if (followedByWhitespace)
                            {
                                blockIndicators = true;
                            }

                            break;
                        case '#':
                            if (precededByWhitespace)
                            {
                                blockIndicators = true;
                            }

                            break;
                    }
                }

                if (!IsPrintable(c) || c == 0xFEFF)
                {
                    specialCharacters = true;
                }

                if (c == ' ')
                {
                    if (i == 0)
                    {
                        leadingSpace = true;
                    }

                    if (i == value.Length - 1)
                    {
                        trailingSpace = true;
                    }

                    if (previousBreak)
                    {
                        breakSpace = true;
                    }

                    previousSpace = true;
                    previousBreak = false;
                }
                else if (IsBreak(c))
                {
                    lineBreaks = true;
                    if (i == 0)
                    {
                        leadingBreak = true;
                    }

                    if (i == value.Length - 1)
                    {
                        trailingBreak = true;
                    }

                    if (previousSpace)
                    {
                        spaceBreak = true;
                    }

                    previousSpace = false;
                    previousBreak = true;
                }
                else
                {
                    previousSpace = false;
                    previousBreak = false;
                }

                precededByWhitespace = IsBlankOrEnd(value, i);
                followedByWhitespace = IsBlankOrEnd(value, i + 2);
            }

            bool blockPlain = true, single = true, block = true;
            if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
            {
                blockPlain = false;
            }

            if (trailingSpace)
            {
                block = false;
            }

            if (breakSpace)
            {
                blockPlain = false;
                single = false;
            }

            if (spaceBreak || specialCharacters)
            {
                blockPlain = false;
                single = false;
                block = false;
            }

            if (lineBreaks || blockIndicators)
            {
                blockPlain = false;
            }

            return new Analysis(lineBreaks, blockPlain, single, block);
        }
    }
}
