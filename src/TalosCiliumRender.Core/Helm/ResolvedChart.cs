using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Helm;

/// <summary>A chart ready for <c>helm template</c>: on disk, identified, and (for charts from the cache) digested.</summary>
/// <param name="LocalPath">The .tgz or folder to pass to helm.</param>
/// <param name="Metadata">Name and version from its Chart.yaml.</param>
/// <param name="Digest">
/// <c>sha256:&lt;hex&gt;</c> of the .tgz when already known (the chart cache records it); <see langword="null"/> for a local
/// chart, whose digest <see cref="ContentDigestAsync"/> computes, so that hashing never delays helm's start.
/// </param>
/// <param name="Source">Where it came from, for people: <c>https://helm.cilium.io cilium 1.18.1</c>, a path, or an OCI reference.</param>
/// <param name="Downloaded">True when this resolve ran <c>helm pull</c>; false for local charts and cache hits.</param>
/// <param name="IsFolder">True for an unpacked chart folder, which has no archive digest.</param>
/// <param name="DigestUnverified">
/// True when <paramref name="Digest"/> comes from a cache record that was not checked against the bytes in this run
/// (<see cref="ChartCache.TryGetAsync"/> without verification): the render checks it while helm runs.
/// </param>
internal sealed record ResolvedChart(string LocalPath, ChartMetadata Metadata, string? Digest, string Source, bool Downloaded, bool IsFolder = false, bool DigestUnverified = false)
{
    /// <summary>
    /// The digest that names this chart's content in a provenance header and keys its template scan: the archive's
    /// digest, or for a chart folder (which has no file digest) one over its files.
    /// </summary>
    /// <exception cref="DiagnosticException">TCR3004 the chart cannot be read.</exception>
    public async Task<string> ContentDigestAsync(CancellationToken cancellationToken)
    {
        return Digest ?? await ComputeContentDigestAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The content digest from the chart's bytes as they are now, whatever <see cref="Digest"/> says.</summary>
    /// <exception cref="DiagnosticException">TCR3004 the chart cannot be read.</exception>
    public async Task<string> ComputeContentDigestAsync(CancellationToken cancellationToken)
    {
        try
        {
            return IsFolder
                ? await ChartContentDigest.ComputeAsync(LocalPath, cancellationToken).ConfigureAwait(false)
                : await ChartArchive.ComputeDigestAsync(LocalPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(LocalPath, e.Message);
        }
    }

    /// <summary>What a result reports of this chart; <paramref name="contentDigest"/> is <see cref="ContentDigestAsync"/>'s answer.</summary>
    public RenderedChart Rendered(string contentDigest) => new(Metadata.Name, Metadata.Version, IsFolder ? null : contentDigest, Source);
}
