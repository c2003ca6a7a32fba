using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A kustomization file, read and checked: only the fields this tool implements. <see cref="FilePath"/> and
/// <see cref="DisplayDirectory"/> are as shown to the user; <see cref="Directory"/> has every symlink resolved, and
/// files the kustomization names must stay inside it; <see cref="Text"/> places errors inside inline patches.
/// </summary>
internal sealed record Kustomization(
    string FilePath,
    string Directory,
    string DisplayDirectory,
    string Text,
    IReadOnlyList<KustomizationEntry> Resources,
    IReadOnlyList<PatchEntry> PatchesStrategicMerge,
    IReadOnlyList<PatchEntry> Patches,
    string? Namespace,
    IReadOnlyList<LabelEntry> Labels,
    IReadOnlyList<KeyValuePair<string, string>> CommonLabels,
    IReadOnlyList<KeyValuePair<string, string>> CommonAnnotations,
    IReadOnlyList<PatchEntry> PatchesJson6902,
    IReadOnlyList<ReplicaEntry> Replicas,
    IReadOnlyList<ImageEntry> Images);

/// <summary>A path listed in the kustomization (a resource, or a patch file).</summary>
internal sealed record KustomizationEntry(string Path, SourceLocation Location);

/// <summary>Which list a patch came from; it decides how the patch is read and matched.</summary>
internal enum PatchList
{
    PatchesStrategicMerge,
    Patches,
    PatchesJson6902,
}

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

/// <summary>One <c>labels</c> entry.</summary>
internal sealed record LabelEntry(IReadOnlyList<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, SourceLocation Location);

/// <summary>One <c>images</c> entry.</summary>
internal sealed record ImageEntry(string Name, string? NewName, string? NewTag, string? Digest, SourceLocation Location);

/// <summary>One <c>replicas</c> entry.</summary>
internal sealed record ReplicaEntry(string Name, long Count, SourceLocation Location);
