namespace TalosCiliumRender.Core.Helm;

/// <summary>A chart ready for <c>helm template</c>: on disk, identified, and (for archives) digested.</summary>
/// <param name="LocalPath">The .tgz or folder to pass to helm.</param>
/// <param name="Metadata">Name and version from its Chart.yaml.</param>
/// <param name="Digest"><c>sha256:&lt;hex&gt;</c> of the .tgz; <see langword="null"/> for a chart folder.</param>
/// <param name="Source">Where it came from, for people: <c>https://helm.cilium.io cilium 1.18.1</c>, a path, or an OCI reference.</param>
/// <param name="Downloaded">True when this resolve ran <c>helm pull</c>; false for local charts and cache hits.</param>
internal sealed record ResolvedChart(string LocalPath, ChartMetadata Metadata, string? Digest, string Source, bool Downloaded)
{
    /// <summary>
    /// The digest that names this chart's content in a provenance header: the archive's <see cref="Digest"/>, or for a
    /// chart folder (which has no file digest) one over its files.
    /// </summary>
    public async Task<string> ContentDigestAsync(CancellationToken cancellationToken) =>
        Digest ?? await ChartContentDigest.ComputeAsync(LocalPath, cancellationToken).ConfigureAwait(false);
}
