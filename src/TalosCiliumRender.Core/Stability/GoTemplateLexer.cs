namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Splits Go template text into literal text and actions, and actions into tokens: just enough of
/// text/template's lexer to follow which functions and variables feed which output. It never fails: text
/// it does not understand becomes <see cref="TemplateTokenKind.Other"/> tokens.
/// </summary>
internal static class GoTemplateLexer
{
    /// <summary>Literal text and action bodies, in order; comments are dropped.</summary>
    public static IReadOnlyList<TemplateSegment> Split(string text)
    {
        var segments = new List<TemplateSegment>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(new TemplateSegment(false, text[position..]));
                break;
            }

            if (open > position)
            {
                segments.Add(new TemplateSegment(false, text[position..open]));
            }

            var start = open + 2;
            if (start + 1 < text.Length && text[start] == '-' && char.IsWhiteSpace(text[start + 1]))
            {
                start++;
            }

            var bodyStart = start;
            while (bodyStart < text.Length && char.IsWhiteSpace(text[bodyStart]))
            {
                bodyStart++;
            }

            if (string.CompareOrdinal(text, bodyStart, "/*", 0, 2) == 0)
            {
                var commentEnd = text.IndexOf("*/", bodyStart + 2, StringComparison.Ordinal);
                var close = commentEnd < 0 ? -1 : text.IndexOf("}}", commentEnd + 2, StringComparison.Ordinal);
                position = close < 0 ? text.Length : close + 2;
                continue;
            }

            var end = FindActionEnd(text, start);
            var body = text[start..end].Trim();
            if (body.Length >= 2 && body[^1] == '-' && char.IsWhiteSpace(body[^2]))
            {
                body = body[..^1].TrimEnd();
            }

            segments.Add(new TemplateSegment(true, body));
            position = Math.Min(text.Length, end + 2);
        }

        return segments;
    }

    /// <summary>The tokens of one action body.</summary>
    public static IReadOnlyList<TemplateToken> Tokenize(string body)
    {
        var tokens = new List<TemplateToken>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '`' or '\'')
            {
                var (content, next) = ReadQuoted(body, i);
                tokens.Add(TemplateToken.Of(c == '\'' ? TemplateTokenKind.Other : TemplateTokenKind.String, content));
                i = next;
            }
            else if (c == '(')
            {
                tokens.Add(TemplateToken.Of(TemplateTokenKind.LeftParen, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(TemplateToken.Of(TemplateTokenKind.RightParen, ")"));
                i++;
            }
            else if (c == '|')
            {
                tokens.Add(TemplateToken.Of(TemplateTokenKind.Pipe, "|"));
                i++;
            }
            else if (c == ':' && i + 1 < body.Length && body[i + 1] == '=')
            {
                tokens.Add(TemplateToken.Of(TemplateTokenKind.Assign, ":="));
                i += 2;
            }
            else if (c == '=')
            {
                tokens.Add(TemplateToken.Of(TemplateTokenKind.Assign, "="));
                i++;
            }
            else if (c == '$')
            {
                var nameEnd = ReadIdentifier(body, i + 1);
                var name = body[i..nameEnd];
                var (fields, next) = ReadFields(body, nameEnd);
                tokens.Add(new TemplateToken(TemplateTokenKind.Variable, name, fields));
                i = next;
            }
            else if (c == '.')
            {
                var (fields, next) = ReadFields(body, i);
                tokens.Add(fields.Count == 0 ? TemplateToken.Of(TemplateTokenKind.Dot, ".") : new TemplateToken(TemplateTokenKind.Field, body[i..next], fields, Chained: i > 0 && body[i - 1] == ')'));
                i = fields.Count == 0 ? i + 1 : next;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = ReadIdentifier(body, i);
                tokens.Add(TemplateToken.Of(TemplateTokenKind.Identifier, body[i..end]));
                i = end;
            }
            else
            {
                var end = i + 1;
                while (end < body.Length && !char.IsWhiteSpace(body[end]) && body[end] is not ('(' or ')' or '|' or '"' or '`' or '\'' or '$' or '.'))
                {
                    end++;
                }

                tokens.Add(TemplateToken.Of(TemplateTokenKind.Other, body[i..end]));
                i = end;
            }
        }

        return tokens;
    }

    private static int FindActionEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '`' or '\'')
            {
                i = ReadQuoted(text, i).Next;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static (string Content, int Next) ReadQuoted(string text, int start)
    {
        var quote = text[start];
        var builder = new System.Text.StringBuilder();
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (quote != '`' && text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            builder.Append(text[i]);
            i++;
        }

        return (builder.ToString(), Math.Min(text.Length, i + 1));
    }

    private static int ReadIdentifier(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i;
    }

    private static (IReadOnlyList<string> Fields, int Next) ReadFields(string text, int start)
    {
        var fields = new List<string>();
        var i = start;
        while (i + 1 < text.Length && text[i] == '.' && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
        {
            var end = ReadIdentifier(text, i + 1);
            fields.Add(text[(i + 1)..end]);
            i = end;
        }

        return (fields, i);
    }
}
