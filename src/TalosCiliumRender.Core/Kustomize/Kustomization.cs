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
