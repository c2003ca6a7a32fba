using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// One patch entry: a file or an inline body, and an optional target. <see cref="Inline"/> keeps the inline body's
/// scalar so errors inside it point into the kustomization file.
/// </summary>
internal sealed record PatchEntry(PatchList Field, int Index, string? Path, YamlScalarNode? Inline, PatchTarget? Target, SourceLocation Location)
{
    /// <summary>How messages name the patch: <c>patches[1] (path: patch.yaml)</c>.</summary>
    public string Describe() => Path is null ? $"{FieldName}[{Index}] (inline)" : $"{FieldName}[{Index}] (path: {Path})";

    public string FieldName => Field switch
    {
        PatchList.PatchesStrategicMerge => "patchesStrategicMerge",
        PatchList.Patches => "patches",
        _ => "patchesJson6902",
    };
}
