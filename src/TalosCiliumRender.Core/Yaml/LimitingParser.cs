using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Enforces <see cref="YamlLimits"/> on the event stream, before YamlDotNet's representation model (whose node
/// construction is recursive) or any later walker sees a node: YamlDotNet's scanner and parser are iterative, so
/// counting here is the one place a hostile nesting or alias bomb can be stopped without first overflowing a stack
/// or expanding it. Depth and node counts are those of the document with every alias expanded, as go-yaml counts.
/// </summary>
internal sealed class LimitingParser(IParser inner, string? origin) : IParser
{
    /// <summary>Per anchor: the nodes its value expands to, and how many levels it nests.</summary>
    private readonly Dictionary<AnchorName, (long Nodes, int Height)> _anchors = [];

    /// <summary>The open lists and mappings, outermost first; <see cref="_depth"/> of them are in use.</summary>
    private OpenCollection[] _open = new OpenCollection[16];

    private int _depth;

    /// <summary>Anchors of the open lists and mappings, with how many open ones carry each.</summary>
    private readonly Dictionary<AnchorName, int> _openAnchors = [];

    /// <summary>Nodes of the current document, aliases expanded (go-yaml's <c>decodeCount</c>).</summary>
    private long _nodes;

    /// <summary>Of those, nodes that alias expansion produced (go-yaml's <c>aliasCount</c>).</summary>
    private long _aliasNodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                // Anchors and go-yaml's counts are per document.
                _anchors.Clear();
                _openAnchors.Clear();
                _depth = 0;
                _nodes = 1;
                _aliasNodes = 0;
                break;
            case Scalar scalar:
                _nodes++;
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor] = (1, 0);
                }

                break;
            case NodeEvent collection:
                // SequenceStart or MappingStart.
                if (_depth >= YamlLimits.MaxDepth)
                {
                    throw TooDeep(collection.Start, string.Empty);
                }

                if (_depth == _open.Length)
                {
                    Array.Resize(ref _open, _depth * 2);
                }

                _depth++;
                _open[_depth - 1] = new OpenCollection(collection.Anchor, _nodes, _depth, _depth);
                _nodes++;
                if (!collection.Anchor.IsEmpty)
                {
                    _openAnchors[collection.Anchor] = _openAnchors.GetValueOrDefault(collection.Anchor) + 1;
                }

                break;
            case SequenceEnd or MappingEnd:
                var closed = _open[--_depth];
                if (!closed.Anchor.IsEmpty)
                {
                    _openAnchors[closed.Anchor]--;
                    _anchors[closed.Anchor] = (_nodes - closed.NodesBefore, closed.DeepestLevel - closed.Level + 1);
                }

                Reach(closed.DeepestLevel);

                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
        }

        return true;
    }

    private void Expand(AnchorAlias alias)
    {
        if (_openAnchors.GetValueOrDefault(alias.Value) > 0)
        {
            // YamlDotNet would build a cycle, which every recursive walker follows forever; go-yaml refuses it too.
            throw DiagnosticCatalog.YamlAliasExpansion.Exception(
                YamlReader.Locate(origin, alias.Start), $"alias *{alias.Value} refers to a list or mapping that contains it, which would repeat without end");
        }

        if (!_anchors.TryGetValue(alias.Value, out var anchored))
        {
            return; // YamlDotNet reports the unknown anchor itself
        }

        var level = _depth + anchored.Height;
        if (level > YamlLimits.MaxDepth)
        {
            throw TooDeep(alias.Start, $" once alias *{alias.Value} is expanded");
        }

        Reach(level);
        _nodes += 1 + anchored.Nodes;
        _aliasNodes += anchored.Nodes;
        if (!YamlLimits.AliasShareAllowed(_nodes, _aliasNodes))
        {
            throw DiagnosticCatalog.YamlAliasExpansion.Exception(
                YamlReader.Locate(origin, alias.Start),
                string.Create(CultureInfo.InvariantCulture, $"with alias *{alias.Value} the document grows to {_nodes:N0} nodes, {_aliasNodes:N0} of them copies made by aliases"));
        }
    }

    /// <summary>Notes in the innermost open list or mapping that a level was reached inside it.</summary>
    private void Reach(int level)
    {
        if (_depth > 0)
        {
            ref var parent = ref _open[_depth - 1];
            parent = parent with { DeepestLevel = Math.Max(parent.DeepestLevel, level) };
        }
    }

    private DiagnosticException TooDeep(Mark at, string how) =>
        DiagnosticCatalog.YamlTooDeep.Exception(YamlReader.Locate(origin, at), YamlLimits.MaxDepth, how);

    /// <param name="Anchor">The anchor of the list or mapping, if any.</param>
    /// <param name="NodesBefore">The document's node count before it.</param>
    /// <param name="Level">Its level: 1 for a document's root list or mapping.</param>
    /// <param name="DeepestLevel">The deepest level reached inside it so far, aliases expanded.</param>
    private readonly record struct OpenCollection(AnchorName Anchor, long NodesBefore, int Level, int DeepestLevel);
}
