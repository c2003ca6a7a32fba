using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>A render laid out in memory, before anything is written.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="Manifest">The Kubernetes manifest stream (every layout has it).</param>
/// <param name="TalosPatch">The Talos machine-config patch, for <see cref="OutputLayout.Talos"/>.</param>
/// <param name="Files">The files of the folder, for <see cref="OutputLayout.Directory"/>; resources first, in document order.</param>
/// <param name="TalosDisablesKubeProxy">Whether the Talos patch switches kube-proxy off.</param>
/// <param name="Diagnostics">Warnings about the layout (TCR5010).</param>
internal sealed record OutputPlan(
    OutputLayout Layout,
    string Manifest,
    string? TalosPatch,
    IReadOnlyList<LayoutFile> Files,
    bool TalosDisablesKubeProxy,
    IReadOnlyList<Diagnostic> Diagnostics);
