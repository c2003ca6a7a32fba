using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A patch entry with its body read: strategic merge documents, or JSON 6902 operations. <see cref="Origin"/> is the
/// file the body came from, or the inline text's pseudo-origin; <see cref="Inline"/>, set for inline bodies,
/// translates positions back into the kustomization file. <see cref="Text"/> is the body as written, which a Flux
/// post-renderer carries over verbatim.
/// </summary>
internal sealed record LoadedPatch(PatchEntry Entry, string Origin, IReadOnlyList<YamlMappingNode> StrategicMerge, IReadOnlyList<JsonPatchOperation>? Json, InlineText? Inline, string Text = "")
{
    public bool IsJson => Json is not null;

    /// <summary>Runs <paramref name="action"/>, moving any diagnostic inside an inline body to the kustomization file.</summary>
    public T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DiagnosticException e) when (Inline is not null)
        {
            var mapped = Inline.Map(e.Diagnostic);
            if (ReferenceEquals(mapped, e.Diagnostic))
            {
                throw;
            }

            throw new DiagnosticException(mapped, e);
        }
    }
}
