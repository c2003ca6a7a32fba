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
    public static IReadOnlyList<string> CommentsBetween(IReadOnlyList<string> lines, long startLine, long contentLine)
    {
        var comments = new List<string>();
        for (var line = Math.Max(1, startLine); line < contentLine && line <= lines.Count; line++)
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
