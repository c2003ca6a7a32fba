using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Runs kustomizations in-process, without a kustomize binary, following kustomize 5.5. Supports resources
/// (local files, and bases: folders holding a kustomization, anywhere), components, patches, patchesStrategicMerge,
/// patchesJson6902, namespace, commonLabels, labels, commonAnnotations, images and replicas; any other
/// kustomization field is reported, never ignored.
/// </summary>
public static class Kustomizer
{
    /// <summary>Builds a kustomization like <c>kubectl kustomize DIR</c>, printed as kustomize prints it.</summary>
    /// <param name="kustomizationPath">A folder holding kustomization.yaml (or .yml, Kustomization), or the file itself.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The manifests, or the diagnostics that explain why there are none.</returns>
    /// <remarks>As in kustomize, a <c>patches</c> target that matches nothing is skipped.</remarks>
    public static Task<KustomizeResult> BuildAsync(string kustomizationPath, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(kustomizationPath);
            var engine = new KustomizeEngine(KustomizeMode.Kustomize, KustomizeOptions.Default);
            var resources = await engine.BuildAsync(kustomizationPath, [], cancellationToken).ConfigureAwait(false);
            return KustomizeYamlWriter.Write(LegacyOrder.Sort(resources.Resources).Select(r => KustomizeValue.From(r.Root)));
        });

    /// <summary>
    /// Applies a kustomization to a YAML stream (for example a helm render): the stream's objects are the base and
    /// the kustomization's own resources are added. Untouched objects keep their field order, comments that head
    /// them, and scalar styles.
    /// </summary>
    /// <param name="baseYaml">The manifests to patch, as a multi-document YAML stream.</param>
    /// <param name="kustomizationPath">A folder holding a kustomization file, or the file itself.</param>
    /// <param name="options">Options; by default a target that matches nothing is error TCR2050.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The patched stream, or the diagnostics that explain why there is none.</returns>
    public static Task<KustomizeResult> ApplyAsync(string baseYaml, string kustomizationPath, KustomizeOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(baseYaml);
            ArgumentException.ThrowIfNullOrEmpty(kustomizationPath);
            var documents = YamlReader.ReadDocuments(baseYaml, "<base>");
            var result = await KustomizationApplier.ApplyAsync(documents, kustomizationPath, options ?? KustomizeOptions.Default, cancellationToken).ConfigureAwait(false);
            return YamlWriter.Write(result);
        });

    /// <summary>
    /// The files a build of the kustomization reads: its kustomization files and the resource and patch files they
    /// name, through bases and components wherever they lie. For incremental builds, which must re-run when any of
    /// them changes; best effort, so a broken kustomization still yields its own file.
    /// </summary>
    /// <param name="kustomizationPath">A folder holding a kustomization file, or the file itself.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>Full paths, each once, in ordinal order.</returns>
    public static Task<IReadOnlyList<string>> InputFilesAsync(string kustomizationPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kustomizationPath);
        return KustomizationInputs.CollectAsync(kustomizationPath, cancellationToken);
    }

    private static async Task<KustomizeResult> RunAsync(Func<Task<string>> build)
    {
        try
        {
            var yaml = await build().ConfigureAwait(false);
            return new KustomizeResult(true, [], yaml);
        }
        catch (DiagnosticException e)
        {
            return new KustomizeResult(false, [e.Diagnostic], null);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArgumentException))
        {
            return new KustomizeResult(false, [DiagnosticCatalog.InternalError.Create(e.GetType().Name + ": " + e.Message)], null);
        }
    }
}
