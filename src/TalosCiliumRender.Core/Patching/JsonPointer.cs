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

    /// <summary>The tokens that lead to the parent of the location named.</summary>
    public IReadOnlyList<string> Parents => Tokens.Take(Tokens.Count - 1).ToList();

    /// <summary>The last token: the key or index in the parent.</summary>
    public string Key => Tokens[^1];

    /// <summary>
    /// Reads a pointer as kustomize 5.5 does (evanphx/json-patch v4's findObject): split at <c>/</c>, the first segment
    /// dropped unread (so <c>spec/replicas</c> names the top-level <c>replicas</c>), and <c>~1</c>/<c>~0</c> decoded in one
    /// left-to-right pass as Go's <c>strings.NewReplacer("~1", "/", "~0", "~")</c> does, any other <c>~</c> kept as written.
    /// A text without <c>/</c>, the empty one included, names no location: the pointer is the root then.
    /// </summary>
    public static JsonPointer ParseAsKustomize(string text)
    {
        var segments = text.Split('/');
        return new JsonPointer(text, segments.Length < 2 ? [] : segments[1..].Select(DecodeAsKustomize).ToList());
    }

    private static string DecodeAsKustomize(string segment)
    {
        if (!segment.Contains('~', StringComparison.Ordinal))
        {
            return segment;
        }

        var decoded = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '~' && i + 1 < segment.Length && segment[i + 1] is '0' or '1')
            {
                decoded.Append(segment[i + 1] == '0' ? '~' : '/');
                i++;
            }
            else
            {
                decoded.Append(segment[i]);
            }
        }

        return decoded.ToString();
    }

    /// <summary>True when this pointer names a location strictly inside <paramref name="other"/>.</summary>
    public bool IsInside(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.Select((t, i) => t == Tokens[i]).All(same => same);

    /// <summary>True when both name the same location.</summary>
    public bool SameAs(JsonPointer other) => Tokens.SequenceEqual(other.Tokens, StringComparer.Ordinal);

    public override string ToString() => Text;
}
