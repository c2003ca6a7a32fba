using System.Text;

namespace TalosCiliumRender.Core.Patching;

/// <summary>An RFC 6901 JSON pointer, split into unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The reference tokens, with <c>~1</c> turned back into <c>/</c> and <c>~0</c> into <c>~</c>; empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>Parses a pointer.</summary>
    /// <param name="text">The pointer: empty for the whole document, otherwise <c>/</c>-separated tokens.</param>
    /// <param name="pointer">The parsed pointer.</param>
    /// <param name="error">Why the text is not a pointer.</param>
    public static bool TryParse(string text, out JsonPointer pointer, out string error)
    {
        pointer = new JsonPointer(text, []);
        error = string.Empty;
        if (text.Length == 0)
        {
            return true;
        }

        if (text[0] != '/')
        {
            error = "it does not start with '/'";
            return false;
        }

        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            var token = new StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '~')
                {
                    token.Append(raw[i]);
                    continue;
                }

                var next = i + 1 < raw.Length ? raw[i + 1] : '\0';
                if (next is not ('0' or '1'))
                {
                    error = $"'~' must be followed by 0 or 1 (in '{raw}')";
                    return false;
                }

                token.Append(next == '0' ? '~' : '/');
                i++;
            }

            tokens.Add(token.ToString());
        }

        pointer = new JsonPointer(text, tokens);
        return true;
    }

    /// <summary>True when this pointer names a location strictly inside <paramref name="other"/>.</summary>
    public bool IsInside(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.Select((t, i) => t == Tokens[i]).All(same => same);

    public override string ToString() => Text;
}
