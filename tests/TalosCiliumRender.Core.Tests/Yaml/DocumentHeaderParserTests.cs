using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

/// <summary>Header comments are read from the text by line number without splitting it, exactly as a split did.</summary>
public sealed class DocumentHeaderParserTests
{
    private static readonly string[] Texts =
    [
        string.Empty,
        "\n",
        "# Source: a.yaml\nkind: A\n",
        "---\n# Source: cilium/templates/a.yaml\nkind: A\n---\n#no space\n  #  indented, two spaces\n\t# tab\n \nkind: B",
        "# crlf\r\n---\r\n# Source: b.yaml\r\nkind: B\r\n",
        "# lone cr\r# same line to a split\n# nel\u0085# ls\u2028# ps\u2029\nkind: C\n#\n# \n#last",
        "\u00a0# no-break space is trimmed too\n\u3000#ideographic space\nkind: D\n\n\n",
    ];

    [Test]
    public void Reads_the_same_comments_as_a_split_of_the_text_for_every_range_in_any_order()
    {
        foreach (var text in Texts)
        {
            var lines = text.Split('\n');
            var ranges = new List<(long Start, long Content)>();
            for (long start = 0; start <= lines.Length + 2; start++)
            {
                for (var content = start; content <= lines.Length + 2; content++)
                {
                    ranges.Add((start, content));
                }
            }

            // Front to back as documents come, then back to front, which makes the cursor start over.
            foreach (var order in new[] { ranges, Enumerable.Reverse(ranges).ToList() })
            {
                var cursor = new DocumentHeaderParser.LineCursor(text);
                foreach (var (start, content) in order)
                {
                    Assert.That(
                        DocumentHeaderParser.CommentsBetween(ref cursor, start, content),
                        Is.EqualTo(SplitOracle(lines, start, content)),
                        $"lines {start}..{content} of {text.ReplaceLineEndings("⏎")}");
                }
            }
        }
    }

    /// <summary>How the comments were read before: from <c>text.Split('\n')</c>.</summary>
    private static List<string> SplitOracle(string[] lines, long startLine, long contentLine)
    {
        var comments = new List<string>();
        for (var line = Math.Max(1, startLine); line < contentLine && line <= lines.Length; line++)
        {
            var text = lines[(int)line - 1].Trim();
            if (text.StartsWith('#'))
            {
                comments.Add(text.StartsWith("# ", StringComparison.Ordinal) ? text[2..] : text[1..]);
            }
        }

        return comments;
    }
}
