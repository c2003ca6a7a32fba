namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// Finds the keys a chart documents only in commented-out form in its values.yaml (Cilium's <c># devices: ""</c>,
/// <c>azure: # usePrimaryAddress: false</c>). The chart reads them although no default is set, so the values check
/// must count them as readable: leaving them out would call a documented key unknown.
/// </summary>
/// <remarks>
/// A line scanner, not a YAML parser: commented text is not YAML, and the file may be anything. Nesting comes from
/// indentation only. Whatever the input, it returns some keys or none and never throws.
/// </remarks>
internal static class CommentedValueKeys
{
    /// <summary>
    /// Words that head prose or examples in comments (<c># Example:</c>, <c># Note: …</c>), never keys; whatever a
    /// comment nests under them is example text, such as a whole values tree repeated from the root.
    /// </summary>
    private static readonly HashSet<string> ProseLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "example", "examples", "e.g", "i.e", "eg", "ie", "note", "notes", "nb", "warning", "caution", "important",
        "ref", "refs", "reference", "references", "see", "tip", "hint", "todo", "fixme", "usage", "deprecated",
    };

    /// <summary>Where a key or list item sits in the scan; a null <see cref="Path"/> means nothing under it is a values key.</summary>
    private readonly record struct Node(int Indent, IReadOnlyList<string>? Path);

    /// <summary>The full paths of the keys found in comments, in file order, each once.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(string valuesYaml)
    {
        var found = new List<IReadOnlyList<string>>();
        if (string.IsNullOrEmpty(valuesYaml))
        {
            return found;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);

        // The real keys' levels, and the commented ones since the last real line: a comment never closes a real
        // level, so a commented line at column 0 in the middle of a mapping does not move the real keys below it.
        var real = new List<Node>();
        var commented = new List<Node>();

        // Bodies whose lines are text, not keys: a real block scalar (its owner's column), a commented one (its
        // owner's comment indent), a multi-line quoted scalar (its quote), and a helm-docs @schema block.
        var blockOwner = -1;
        var commentedBlockOwner = -1;
        var openQuote = '\0';
        var inSchema = false;

        foreach (var raw in Lines(valuesYaml))
        {
            var line = raw.AsSpan();
            var lead = LeadingWhitespace(line);
            var rest = line[lead..].TrimEnd();
            if (rest.IsEmpty)
            {
                continue;
            }

            if (openQuote != '\0')
            {
                if (ClosesQuote(rest, openQuote))
                {
                    openQuote = '\0';
                }

                continue;
            }

            if (blockOwner >= 0)
            {
                if (lead > blockOwner)
                {
                    continue;
                }

                blockOwner = -1;
            }

            if (rest[0] == '#')
            {
                ScanComment(rest[1..], lead, real, commented, found, seen, ref commentedBlockOwner, ref inSchema);
                continue;
            }

            commentedBlockOwner = -1;
            inSchema = false;
            commented.Clear();
            ScanContent(rest, lead, real, ref blockOwner, ref openQuote);
        }

        return found;
    }

    private static void ScanComment(
        ReadOnlySpan<char> afterHash, int hashColumn, List<Node> real, List<Node> commented, List<IReadOnlyList<string>> found,
        HashSet<string> seen, ref int commentedBlockOwner, ref bool inSchema)
    {
        var gap = LeadingWhitespace(afterHash);
        var text = afterHash[gap..].TrimEnd();
        if (text.IsEmpty)
        {
            return;
        }

        // The comment's own indentation: "#   key" written at a key's column nests two deeper than "# key".
        var textColumn = hashColumn + 1 + gap;
        var indent = Math.Max(hashColumn, textColumn - 2);

        if (commentedBlockOwner >= 0)
        {
            if (indent > commentedBlockOwner)
            {
                return;
            }

            commentedBlockOwner = -1;
        }

        if (text.StartsWith("@schema", StringComparison.Ordinal))
        {
            inSchema = !inSchema;
            return;
        }

        // helm-docs descriptions (# --) and annotations (# @default, # @ignored) are prose; so is a schema block.
        if (inSchema || text[0] == '@' || text.StartsWith("--", StringComparison.Ordinal))
        {
            return;
        }

        // Only a key or an item opens or closes a level: prose between them (Cilium's "# # -- Address of the
        // cluster" inside a commented list) must not end the item the next key belongs to.
        if (IsListItem(text))
        {
            CommentParent(real, commented, indent);
            commented.Add(new Node(indent, null));
            return;
        }

        if (text[0] is '"' or '\'')
        {
            // A quoted key (an annotation or label example) still opens a level; its children must not climb
            // to the key above it.
            if (QuotedKeyEnd(text) >= 0)
            {
                CommentParent(real, commented, indent);
                commented.Add(new Node(indent, null));
            }

            return;
        }

        var keyLength = CommentedKeyLength(text);
        if (keyLength <= 0)
        {
            return;
        }

        var key = text[..keyLength].ToString();
        var value = text[(keyLength + 1)..].Trim();
        var parent = CommentParent(real, commented, indent);
        var keep = parent is not null && !ProseLabels.Contains(key) && LooksLikeValue(value);
        var path = keep ? Append(parent!, key) : null;
        commented.Add(new Node(indent, path));
        if (path is not null && seen.Add(string.Join('\0', path)))
        {
            found.Add(path);
        }

        if (!value.IsEmpty && value[0] is '|' or '>')
        {
            commentedBlockOwner = indent;
        }
    }

    private static void ScanContent(ReadOnlySpan<char> rest, int lead, List<Node> stack, ref int blockOwner, ref char openQuote)
    {
        if (lead == 0 && (rest.StartsWith("---", StringComparison.Ordinal) || rest.StartsWith("...", StringComparison.Ordinal)))
        {
            stack.Clear();
            return;
        }

        var column = lead;
        var isItem = false;

        // "- key: value": the item opens a level nothing below belongs to; its own key may still own a block scalar.
        while (IsListItem(rest))
        {
            if (!isItem)
            {
                Push(stack, new Node(lead, null));
                isItem = true;
            }

            var gap = LeadingWhitespace(rest[1..]);
            column += 1 + gap;
            rest = rest[(1 + gap)..];
            if (rest.IsEmpty)
            {
                return;
            }
        }

        int keyEnd;
        if (rest[0] is '"' or '\'')
        {
            keyEnd = QuotedKeyEnd(rest);
        }
        else if (rest[0] is '#' or '[' or '{' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?')
        {
            keyEnd = -1;
        }
        else
        {
            keyEnd = PlainKeyEnd(rest);
        }

        ReadOnlySpan<char> value;
        if (keyEnd < 0)
        {
            // Not a key: an item's scalar or a multi-line scalar's next line.
            value = isItem ? rest : [];
        }
        else
        {
            value = rest[(keyEnd + 1)..].Trim();
            if (!isItem)
            {
                var key = Unquote(rest[..keyEnd].Trim());
                var parent = Parent(stack, lead);
                stack.Add(new Node(lead, parent is null ? null : Append(parent, key)));
            }
        }

        if (value.IsEmpty)
        {
            return;
        }

        if (value[0] is '|' or '>')
        {
            blockOwner = keyEnd < 0 ? lead : column;
        }
        else if (value[0] is '"' or '\'' && !ClosesQuote(value[1..], value[0]))
        {
            openQuote = value[0];
        }
    }

    /// <summary>Pops the levels a node at <paramref name="indent"/> closes and returns its parent's path (empty at the root, null under a list item or prose).</summary>
    private static IReadOnlyList<string>? Parent(List<Node> stack, int indent)
    {
        while (stack.Count > 0 && stack[^1].Indent >= indent)
        {
            stack.RemoveAt(stack.Count - 1);
        }

        return stack.Count == 0 ? [] : stack[^1].Path;
    }

    /// <summary>
    /// The path of the nearest key above a commented one with a smaller indent: among the commented keys since the
    /// last real line (closing those it ends), then among the real keys, which stay open.
    /// </summary>
    private static IReadOnlyList<string>? CommentParent(List<Node> real, List<Node> commented, int indent)
    {
        Parent(commented, indent);
        if (commented.Count > 0)
        {
            return commented[^1].Path;
        }

        for (var i = real.Count - 1; i >= 0; i--)
        {
            if (real[i].Indent < indent)
            {
                return real[i].Path;
            }
        }

        return [];
    }

    private static void Push(List<Node> stack, Node node)
    {
        Parent(stack, node.Indent);
        stack.Add(node);
    }

    private static string[] Append(IReadOnlyList<string> parent, string key)
    {
        var path = new string[parent.Count + 1];
        for (var i = 0; i < parent.Count; i++)
        {
            path[i] = parent[i];
        }

        path[^1] = key;
        return path;
    }

    private static bool IsListItem(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] == '-' && (text.Length == 1 || text[1] is ' ' or '\t');

    /// <summary>The length of a commented key (<c>key:</c> then a space or the end), or -1 when the text is not one.</summary>
    private static int CommentedKeyLength(ReadOnlySpan<char> text)
    {
        if (!(char.IsAsciiLetterOrDigit(text[0]) || text[0] == '_'))
        {
            return -1;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                var endsKey = i + 1 == text.Length || text[i + 1] is ' ' or '\t';
                return endsKey && text[i - 1] is not ('.' or '/' or '-') ? i : -1;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/'))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether a commented key's value reads as YAML rather than a sentence: <c># nodes: Count of nodes at which…</c>
    /// and <c># ref: https://…</c> explain, <c># leaseDuration: 15s</c> sets.
    /// </summary>
    private static bool LooksLikeValue(ReadOnlySpan<char> value)
    {
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            value = value[..comment].TrimEnd();
        }

        if (value.IsEmpty || value[0] is '"' or '\'' or '[' or '{' or '|' or '>' or '&' or '*' or '!')
        {
            return true;
        }

        if (value.Contains("://", StringComparison.Ordinal) || value.Contains(": ", StringComparison.Ordinal))
        {
            return false;
        }

        var words = 1;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                words++;
            }
        }

        return words < 3 && !(words > 1 && value[^1] == '.');
    }

    /// <summary>The index of the colon after a plain key (<c>key:</c> then a space or the end), or -1.</summary>
    private static int PlainKeyEnd(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t'))
            {
                return i;
            }

            if (text[i] == '#' && i > 0 && text[i - 1] is ' ' or '\t')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The index of the colon after a quoted key, or -1.</summary>
    private static int QuotedKeyEnd(ReadOnlySpan<char> text)
    {
        var quote = text[0];
        for (var i = 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] != quote)
            {
                continue;
            }

            if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
                continue;
            }

            var colon = i + 1;
            while (colon < text.Length && text[colon] is ' ' or '\t')
            {
                colon++;
            }

            return colon < text.Length && text[colon] == ':' && (colon + 1 == text.Length || text[colon + 1] is ' ' or '\t') ? colon : -1;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="text"/> holds the unescaped closing <paramref name="quote"/>.</summary>
    private static bool ClosesQuote(ReadOnlySpan<char> text, char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    private static string Unquote(ReadOnlySpan<char> key) =>
        key.Length >= 2 && key[0] is '"' or '\'' && key[^1] == key[0] ? key[1..^1].ToString() : key.ToString();

    private static int LeadingWhitespace(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>Lines split at \n, \r\n or \r, a leading byte order mark dropped.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
