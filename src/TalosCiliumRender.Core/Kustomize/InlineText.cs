using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Maps positions inside a patch written inline in the kustomization (a block scalar) back to the
/// kustomization file, so a fault in an inline patch is reported where the user typed it.
/// </summary>
internal sealed class InlineText(Kustomization kustomization, YamlScalarNode scalar)
{
    private readonly string[] _lines = kustomization.Text.Split('\n');

    /// <summary>A name for the inline text while it is parsed; diagnostics carrying it are translated.</summary>
    public string PseudoOrigin { get; } = $"{kustomization.FilePath}#inline@{scalar.Start.Line}";

    public SourceLocation Map(SourceLocation inner)
    {
        if (inner.File != PseudoOrigin)
        {
            return inner;
        }

        var start = scalar.Start;
        if (inner.Line is not { } line)
        {
            return YamlReaderLocate(start);
        }

        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            var fileLine = (int)start.Line + line;
            var indent = fileLine - 1 < _lines.Length ? _lines[fileLine - 1].Length - _lines[fileLine - 1].TrimStart(' ').Length : 0;
            return new SourceLocation(kustomization.FilePath, fileLine, (inner.Column ?? 1) + indent);
        }

        return line == 1
            ? new SourceLocation(kustomization.FilePath, (int)start.Line, (int)start.Column + (inner.Column ?? 1))
            : YamlReaderLocate(start);
    }

    public Diagnostic Map(Diagnostic diagnostic)
    {
        if (diagnostic.File != PseudoOrigin)
        {
            return diagnostic;
        }

        var mapped = Map(new SourceLocation(diagnostic.File, diagnostic.Line, diagnostic.Column));
        return diagnostic with
        {
            File = mapped.File,
            Line = mapped.Line,
            Column = mapped.Column,
            Message = diagnostic.Message.Replace(PseudoOrigin, kustomization.FilePath, StringComparison.Ordinal),
        };
    }

    private SourceLocation YamlReaderLocate(Mark mark) => new(kustomization.FilePath, (int)mark.Line, (int)mark.Column);
}
