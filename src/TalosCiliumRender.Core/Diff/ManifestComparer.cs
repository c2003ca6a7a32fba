using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Diff;

/// <summary>
/// Compares manifests resource by resource — what a reviewer wants to see on a version-bump pull request: which
/// resources were added, removed or changed, and which fields changed. Values are never reported, so Secret
/// content stays out of logs.
/// </summary>
public static class ManifestComparer
{
    /// <summary>Compares two committed manifests; each side is a YAML file or a folder of them (a directory layout).</summary>
    /// <param name="oldPath">The manifest before, e.g. from the main branch.</param>
    /// <param name="newPath">The manifest after.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The differences, compared exactly; or diagnostics when a side cannot be read.</returns>
    public static async Task<DiffResult> CompareAsync(string oldPath, string newPath, CancellationToken cancellationToken = default)
    {
        try
        {
            var before = await ManifestFiles.ReadAsync(oldPath, cancellationToken).ConfigureAwait(false);
            var after = await ManifestFiles.ReadAsync(newPath, cancellationToken).ConfigureAwait(false);
            return new DiffResult([], ManifestDiff.Compare(before, after, GeneratedMaterialPolicy.Exact));
        }
        catch (DiagnosticException e)
        {
            return new DiffResult([e.Diagnostic], []);
        }
    }

    /// <summary>
    /// Compares a committed manifest with a fresh render. Material the chart generates anew on every render compares
    /// as <paramref name="policy"/> says, the same policy check mode uses.
    /// </summary>
    /// <param name="committedPath">The committed manifest file or folder.</param>
    /// <param name="renderedYaml">The fresh render.</param>
    /// <param name="policy">How generated material compares.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The differences; or diagnostics when the committed side cannot be read.</returns>
    internal static async Task<DiffResult> CompareWithRenderAsync(string committedPath, string renderedYaml, GeneratedMaterialPolicy policy, CancellationToken cancellationToken = default)
    {
        try
        {
            var committed = await ManifestFiles.ReadAsync(committedPath, cancellationToken).ConfigureAwait(false);
            var rendered = YamlReader.ReadDocuments(renderedYaml, "render");
            return new DiffResult([], ManifestDiff.Compare(committed, rendered, policy));
        }
        catch (DiagnosticException e)
        {
            return new DiffResult([e.Diagnostic], []);
        }
    }
}
