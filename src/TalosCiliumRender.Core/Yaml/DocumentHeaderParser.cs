using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Passes events through to the representation model and notes, for each document, the lines between its
/// start and its content, where helm writes <c># Source:</c> comments. The comments themselves are read from
/// those lines afterwards: YamlDotNet's comment-preserving scanner rejects valid YAML with comments at
/// unusual indentation (as in every Cilium values.yaml), so comments are never tokenized.
/// </summary>
internal sealed class DocumentHeaderParser(IParser inner) : IParser
{
    private readonly List<(long StartLine, long ContentLine)> _headers = [];
    private bool _awaitingContent;

    /// <summary>True once an alias (<c>*name</c>) was read: only then do nodes need de-anchoring.</summary>
    public bool SawAlias { get; private set; }

    /// <summary>Per document: the 1-based line of its start and of its content.</summary>
    public IReadOnlyList<(long StartLine, long ContentLine)> Headers => _headers;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case AnchorAlias:
                SawAlias = true;
                break;
            case DocumentStart start:
                // Comments before an implicit first document still head it.
                var startLine = _headers.Count == 0 ? 1 : start.Start.Line;
                _headers.Add((startLine, start.Start.Line));
                _awaitingContent = true;
                break;
            case NodeEvent node when _awaitingContent:
                _headers[^1] = (_headers[^1].StartLine, node.Start.Line);
                _awaitingContent = false;
                break;
        }

        return true;
    }

    /// <summary>The comment lines (without <c>#</c> and one space) between a document's start and its content.</summary>
    /// <param name="lines">The lines of the text the documents were read from.</param>
    /// <param name="startLine">The 1-based line of the document's start.</param>
    /// <param name="contentLine">The 1-based line of its content, which is not read.</param>
    public static IReadOnlyList<string> CommentsBetween(ref LineCursor lines, long startLine, long contentLine)
    {
        List<string>? comments = null;
        for (var line = Math.Max(1, startLine); line < contentLine && lines.TryGet(line, out var content); line++)
        {
            var text = content.Trim();
            if (text is ['#', ..])
            {
                comments ??= new List<string>(1);
                comments.Add((text.StartsWith("# ", StringComparison.Ordinal) ? text[2..] : text[1..]).ToString());
            }
        }

        return comments ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// The lines of a text by number, as <c>text.Split('\n')</c> numbers them (YamlDotNet's line numbers in the
    /// documents' marks count the same line feeds), found without splitting the whole text: documents are read front
    /// to back, so each lookup continues from the last one.
    /// </summary>
    internal struct LineCursor(string text)
    {
        /// <summary>The 1-based number of the line that starts at <see cref="_start"/>.</summary>
        private long _line = 1;

        private int _start;

        /// <summary>The line numbered <paramref name="line"/> (1-based), without its line feed; false past the last line.</summary>
        public bool TryGet(long line, out ReadOnlySpan<char> content)
        {
            content = default;
            if (line < _line)
            {
                (_line, _start) = (1, 0); // an earlier line: start over
            }

            while (_line < line)
            {
                var feed = text.IndexOf('\n', _start);
                if (feed < 0)
                {
                    return false; // text.Split('\n') has no line this far
                }

                _start = feed + 1;
                _line++;
            }

            var end = text.IndexOf('\n', _start);
            content = text.AsSpan(_start, (end < 0 ? text.Length : end) - _start);
            return true;
        }
    }
}
