using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>A render laid out in memory by its <see cref="Layout"/>, before anything is written.</summary>
/// <param name="Manifest">The Kubernetes manifest stream, provenance header first (every layout has it; lint reads it).</param>
/// <param name="Files">
/// What is written: one file with an empty <see cref="PlannedFile.RelativePath"/> for the layouts that write one file;
/// for a folder, one file per rendered document in document order, then the files the layout adds.
/// </param>
/// <param name="TalosPatch">The Talos machine-config patch, for <see cref="OutputLayout.Talos"/>.</param>
/// <param name="TalosDisablesKubeProxy">Whether the Talos patch switches kube-proxy off; null when no Talos patch is made.</param>
/// <param name="Diagnostics">Warnings about the layout (TCR5010).</param>
internal sealed record OutputPlan(
    string Manifest,
    IReadOnlyList<PlannedFile> Files,
    string? TalosPatch,
    bool? TalosDisablesKubeProxy,
    IReadOnlyList<Diagnostic> Diagnostics);
