using System.Buffers;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Writes the common case of <see cref="YamlWriter"/>'s style directly: block collections of untagged nodes with
/// scalar keys, and scalars of printable ASCII and line feeds. The output is byte for byte what YamlDotNet's
/// emitter writes with <see cref="YamlWriter"/>'s settings (a test holds the two together over real renders and
/// awkward scalars), at a fraction of its cost, which dominates patching a render. Anything else (tags, complex
/// keys, other characters) is declined, and <see cref="YamlWriter"/> hands that document to YamlDotNet.
/// </summary>
/// <remarks>
/// The state mirrors YamlDotNet's emitter: the current indent, the column, and whether the last thing written was
/// whitespace or indentation. With an unlimited line width and key length, nothing is ever folded.
/// </remarks>
internal sealed class YamlBlockEmitter
{
    private const int BestIndent = 2;

    private static readonly SearchValues<char> Writable = SearchValues.Create(
        "\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly StringBuilder _text;
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indentation = true;

    private YamlBlockEmitter(StringBuilder text) => _text = text;

    /// <summary>Appends <paramref name="root"/> as one implicit document, or returns false (appending nothing).</summary>
    public static bool TryWrite(YamlNode root, StringBuilder output)
    {
        if (root is YamlScalarNode)
        {
            return false; // a document that is a single scalar has its own rules ("--- ''"), and is no manifest
        }

        var start = output.Length;
        var emitter = new YamlBlockEmitter(output);
        if (emitter.Node(root, mappingContext: false, simpleKey: false))
        {
            emitter.WriteIndent(); // the implicit document end
            return true;
        }

        output.Length = start;
        return false;
    }

    private bool Node(YamlNode node, bool mappingContext, bool simpleKey) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar, simpleKey),
        YamlSequenceNode sequence when sequence.Tag.IsEmpty => sequence.Children.Count == 0 ? EmptyFlow("[", "]") : Sequence(sequence, mappingContext),
        YamlMappingNode mapping when mapping.Tag.IsEmpty => mapping.Children.Count == 0 ? EmptyFlow("{", "}") : Mapping(mapping),
        _ => false,
    };

    private bool Mapping(YamlMappingNode mapping)
    {
        var outer = _indent;
        _indent = _indent < 0 ? 0 : _indent + BestIndent;
        foreach (var (key, value) in mapping.Children)
        {
            WriteIndent();

            // YamlDotNet writes a multi-line or non-scalar key as a complex key ("? "); that is left to it.
            if (key is not YamlScalarNode { Value: var text } || (text?.Contains('\n', StringComparison.Ordinal) ?? false) || !Node(key, mappingContext: true, simpleKey: true))
            {
                return false;
            }

            Indicator(":", needWhitespace: false, whitespace: false, indentation: false);
            if (!Node(value, mappingContext: true, simpleKey: false))
            {
                return false;
            }
        }

        _indent = outer;
        return true;
    }

    private bool Sequence(YamlSequenceNode sequence, bool mappingContext)
    {
        var outer = _indent;

        // A list that is a mapping's value starts on the key's indent ("indentless"), as YamlWriter asks.
        var indentless = mappingContext && !_indentation;
        _indent = _indent < 0 ? 0 : indentless ? _indent : _indent + BestIndent;
        foreach (var item in sequence.Children)
        {
            WriteIndent();
            Indicator("-", needWhitespace: true, whitespace: false, indentation: true);
            if (!Node(item, mappingContext: false, simpleKey: false))
            {
                return false;
            }
        }

        _indent = outer;
        return true;
    }

    private bool EmptyFlow(string open, string close)
    {
        Indicator(open, needWhitespace: true, whitespace: true, indentation: false);
        Indicator(close, needWhitespace: false, whitespace: false, indentation: false);
        return true;
    }

    private bool Scalar(YamlScalarNode scalar, bool simpleKey)
    {
        if (!scalar.Tag.IsEmpty)
        {
            return false;
        }

        var (value, requested) = YamlWriter.OutputForm(scalar);

        // Only printable ASCII and line feeds: every character is then printable to YamlDotNet and needs no escape,
        // so libyaml's analysis with YamlDotNet's refinements decides the style alone.
        if (value.AsSpan().ContainsAnyExcept(Writable))
        {
            return false;
        }

        var analysis = ScalarAnalysis.Of(value);
        var style = analysis.SelectStyle(requested, simpleKey, EmitterRules.YamlDotNet);
        var outer = _indent;
        _indent = _indent < 0 ? BestIndent : _indent + BestIndent;
        switch (style)
        {
            case ScalarStyle.Plain:
                Plain(value);
                break;
            case ScalarStyle.SingleQuoted when !analysis.Multiline:
                SingleQuoted(value);
                break;
            case ScalarStyle.DoubleQuoted:
                DoubleQuoted(value);
                break;
            case ScalarStyle.Literal:
                Literal(value);
                break;
            default:
                return false; // single-quoted line breaks: rare, and YamlDotNet's folding rules apply
        }

        _indent = outer;
        return true;
    }

    private void Plain(string value)
    {
        if (!_whitespace)
        {
            Put(' ');
        }

        Put(value);
        _whitespace = false;
        _indentation = false;
    }

    private void SingleQuoted(string value)
    {
        Indicator("'", needWhitespace: true, whitespace: false, indentation: false);
        foreach (var c in value)
        {
            if (c == '\'')
            {
                Put('\'');
            }

            Put(c);
        }

        Indicator("'", needWhitespace: false, whitespace: false, indentation: false);
        _whitespace = false;
        _indentation = false;
    }

    private void DoubleQuoted(string value)
    {
        Indicator("\"", needWhitespace: true, whitespace: false, indentation: false);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' or '\\':
                    Put('\\');
                    Put(c);
                    break;
                case '\n':
                    Put("\\n");
                    break;
                default:
                    Put(c);
                    break;
            }
        }

        Indicator("\"", needWhitespace: false, whitespace: false, indentation: false);
        _whitespace = false;
        _indentation = false;
    }

    private void Literal(string value)
    {
        Indicator("|", needWhitespace: true, whitespace: false, indentation: false);
        if (value.Length > 0 && value[0] is ' ' or '\n')
        {
            Indicator("2", needWhitespace: false, whitespace: false, indentation: false);
        }

        if (value.Length == 0 || value[^1] != '\n')
        {
            Indicator("-", needWhitespace: false, whitespace: false, indentation: false);
        }
        else if (value.Length >= 2 && value[^2] == '\n')
        {
            Indicator("+", needWhitespace: false, whitespace: false, indentation: false);
        }

        Break();
        _indentation = true;
        _whitespace = true;
        var lineStart = 0;
        while (lineStart < value.Length)
        {
            var end = value.IndexOf('\n', lineStart);
            if (end < 0)
            {
                end = value.Length;
            }

            if (end > lineStart)
            {
                WriteIndent();
                _text.Append(value, lineStart, end - lineStart);
                _column += end - lineStart;
                _indentation = false;
            }

            if (end < value.Length)
            {
                Break();
                _indentation = true;
            }

            lineStart = end + 1;
        }
    }

    private void Indicator(string indicator, bool needWhitespace, bool whitespace, bool indentation)
    {
        if (needWhitespace && !_whitespace)
        {
            Put(' ');
        }

        Put(indicator);
        _whitespace = whitespace;
        _indentation &= indentation;
    }

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_indentation || _column > indent || (_column == indent && !_whitespace))
        {
            Break();
        }

        if (_column < indent)
        {
            _text.Append(' ', indent - _column);
            _column = indent;
        }

        _whitespace = true;
        _indentation = true;
    }

    private void Break()
    {
        _text.Append('\n');
        _column = 0;
    }

    private void Put(char c)
    {
        _text.Append(c);
        _column++;
    }

    private void Put(string text)
    {
        _text.Append(text);
        _column += text.Length;
    }
}
