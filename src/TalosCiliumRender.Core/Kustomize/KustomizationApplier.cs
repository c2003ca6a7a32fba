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
    /// Loads everything an application of the kustomization at <paramref name="kustomizationPath"/> reads, none of which
    /// depends on the base (its files, patches, image patterns; the Kubernetes merge-key table, parsed once per
    /// process), so a render can do it while helm runs. Faults in the kustomization do not end the task: they are
    /// kept and reported by <see cref="Apply"/> where loading as it goes would have reported them.
    /// </summary>
    /// <param name="kustomizationPath">A folder holding a kustomization file, or the file itself.</param>
    /// <param name="cancellationToken">Stops the work (the task is then cancelled).</param>
    public static Task<PreparedKustomization> PreloadAsync(string kustomizationPath, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                _ = MergeKeyRegistry.Kubernetes;
                return KustomizeEngine.PrepareAsync(KustomizeMode.RenderPatch, kustomizationPath, cancellationToken);
            },
            cancellationToken);

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
        var prepared = await KustomizeEngine.PrepareAsync(KustomizeMode.RenderPatch, kustomizationPath, cancellationToken).ConfigureAwait(false);
        return Apply(baseDocuments, prepared, options, cancellationToken);
    }

    /// <summary>Applies a kustomization loaded by <see cref="PreloadAsync"/> (once) to <paramref name="baseDocuments"/>.</summary>
    /// <param name="baseDocuments">The render; each keeps its header comments (helm's <c># Source:</c>) and field order.</param>
    /// <param name="prepared">The loaded kustomization; a fault kept in it is thrown here.</param>
    /// <param name="options">Unmatched-target policy (TCR2050 by default) and output order.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The documents in kustomize's legacy order (or input order, if asked).</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Any fault in the kustomization, its files or the patches (TCR2xxx, TCR3xxx).</exception>
    public static IReadOnlyList<ManifestDocument> Apply(
        IReadOnlyList<ManifestDocument> baseDocuments,
        PreparedKustomization prepared,
        KustomizeOptions options,
        CancellationToken cancellationToken)
    {
        var engine = new KustomizeEngine(KustomizeMode.RenderPatch, options);
        var resources = engine.Build(prepared, baseDocuments, cancellationToken);
        var ordered = options.KeepInputOrder ? resources.Resources : LegacyOrder.Sort(resources.Resources);
        var documents = new ManifestDocument[ordered.Count];
        for (var i = 0; i < documents.Length; i++)
        {
            var resource = ordered[i];
            documents[i] = new ManifestDocument(resource.Root, resource.HeaderComments, resource.Origin);
        }

        return documents;
    }
}
