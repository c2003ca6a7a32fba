using System.Globalization;
using System.Numerics;
using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Prints documents the way <c>kubectl kustomize</c> does: each object goes through JSON and out through go-yaml v2
/// (sigs.k8s.io/yaml), so keys are sorted in go-yaml's natural order, strings another YAML 1.1 reader would take
/// for a number, bool, null or date are double-quoted, multi-line strings become literal blocks, and long plain
/// or quoted strings fold at column 80. Documents are separated by <c>---</c>, lines end in <c>\n</c>.
/// </summary>
internal static class KustomizeYamlWriter
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
            map.Sort(static (x, y) => GoYamlKeyOrder.Compare(x.Key, y.Key));
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
                    PlainText(GoFloat.Format(d));
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
            // go-yaml v2's encoder asks for a literal block when there is a line feed, plain when its own reader would
            // read the text back as a string, and double quotes otherwise; libyaml then settles what the value allows.
            var requested = value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
                : !GoYamlDialect.V2ResolvesToNonString(value) ? ScalarStyle.Plain
                : ScalarStyle.DoubleQuoted;
            var style = ScalarAnalysis.Of(value).SelectStyle(requested, simpleKey, EmitterRules.LibYaml);
            var allowBreaks = !simpleKey;
            switch (style)
            {
                case ScalarStyle.Plain:
                    Plain(value, indent, allowBreaks);
                    break;
                case ScalarStyle.SingleQuoted:
                    Single(value, indent, allowBreaks);
                    break;
                case ScalarStyle.DoubleQuoted:
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
                else if (ScalarAnalysis.IsBreak(c))
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

                if (escapeAll || !ScalarAnalysis.IsPrintable(c) || c == 0xFEFF || ScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
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
            if (value.Length > 0 && (value[0] == ' ' || ScalarAnalysis.IsBreak(value[0])))
            {
                Indicator(BestIndent.ToString(CultureInfo.InvariantCulture), needWhitespace: false);
            }

            if (value.Length == 0 || !ScalarAnalysis.IsBreak(value[^1]))
            {
                Indicator("-", needWhitespace: false);
            }
            else if (value.Length == 1 || ScalarAnalysis.IsBreak(value[^2]))
            {
                Indicator("+", needWhitespace: false);
            }

            Break();
            _indention = true;
            _whitespace = true;
            var lineStart = 0;
            while (lineStart < value.Length)
            {
                var end = value.AsSpan(lineStart).IndexOfAny(ScalarAnalysis.LineBreaks);
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
}
