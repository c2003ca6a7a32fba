using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Applies a kustomization to rendered manifests (the renderer's entry point). The rendered documents are the
/// base; the kustomization's own resources are added to them, then its transformers run as in kustomize.
/// </summary>
internal static class KustomizationApplier
{
    /// <summary>
    /// Loads what every application needs and no input changes (the Kubernetes merge-key table, parsed once per
    /// process), so a render can do it while helm runs; <see cref="ApplyAsync"/> works without it.
    /// </summary>
    public static Task PreloadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => _ = MergeKeyRegistry.Kubernetes, cancellationToken);

    /// <summary>Applies the kustomization at <paramref name="kustomizationPath"/> to <paramref name="baseDocuments"/>.</summary>
    /// <param name="baseDocuments">The render; each keeps its header comments (helm's <c># Source:</c>) and field order.</param>
    /// <param name="kustomizationPath">A folder holding a kustomization file, or the file itself.</param>
    /// <param name="options">Unmatched-target policy (TCR2050 by default) and output order.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The documents in kustomize's legacy order (or input order, if asked).</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Any fault in the kustomization, its files or the patches (TCR2xxx, TCR3xxx).</exception>
    public static async Task<IReadOnlyList<ManifestDocument>> ApplyAsync(
        IReadOnlyList<ManifestDocument> baseDocuments,
        string kustomizationPath,
        KustomizeOptions options,
        CancellationToken cancellationToken)
    {
        var engine = new KustomizeEngine(KustomizeMode.RenderPatch, options);
        var resources = await engine.BuildAsync(kustomizationPath, baseDocuments, cancellationToken).ConfigureAwait(false);
        var ordered = options.KeepInputOrder ? resources.Resources : LegacyOrder.Sort(resources.Resources);
        return ordered.Select(r => new ManifestDocument(r.Root, r.HeaderComments, r.Origin)).ToList();
    }
}
