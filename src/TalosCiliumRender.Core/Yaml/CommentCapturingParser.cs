using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Hides comment events from the representation model (which cannot hold them) and keeps, for each document,
/// the comments that come before its content: helm's <c># Source:</c> lines live there.
/// </summary>
internal sealed class CommentCapturingParser(IParser inner) : IParser
{
    private readonly List<List<string>> _headers = [];
    private bool _inHeader;

    /// <summary>Header comments, one list per document in stream order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Headers => _headers;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        while (inner.MoveNext())
        {
            switch (inner.Current)
            {
                case Comment comment:
                    if (_inHeader && !comment.IsInline)
                    {
                        _headers[^1].Add(comment.Value);
                    }

                    continue;
                case DocumentStart:
                    _headers.Add([]);
                    _inHeader = true;
                    break;
                default:
                    _inHeader = false;
                    break;
            }

            return true;
        }

        return false;
    }
}
