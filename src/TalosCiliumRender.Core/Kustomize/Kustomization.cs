namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A kustomization file, read and checked: only the fields this tool implements. <see cref="FilePath"/> and
/// <see cref="DisplayDirectory"/> are as shown to the user; <see cref="Directory"/> has every symlink resolved, and
/// files the kustomization names must stay inside it; <see cref="Text"/> places errors inside inline patches.
/// <see cref="IsComponent"/> is set for <c>kind: Component</c>, which is built into the kustomization that lists it
/// under <see cref="Components"/> rather than on its own.
/// </summary>
internal sealed record Kustomization(
    string FilePath,
    string Directory,
    string DisplayDirectory,
    string Text,
    bool IsComponent,
    IReadOnlyList<KustomizationEntry> Resources,
    IReadOnlyList<KustomizationEntry> Components,
    IReadOnlyList<PatchEntry> PatchesStrategicMerge,
    IReadOnlyList<PatchEntry> Patches,
    string? Namespace,
    IReadOnlyList<LabelEntry> Labels,
    IReadOnlyList<KeyValuePair<string, string>> CommonLabels,
    IReadOnlyList<KeyValuePair<string, string>> CommonAnnotations,
    IReadOnlyList<PatchEntry> PatchesJson6902,
    IReadOnlyList<ReplicaEntry> Replicas,
    IReadOnlyList<ImageEntry> Images);
