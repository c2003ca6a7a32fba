using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Turns a <see cref="ChartSource"/> into a chart on disk: local charts as they are, repository and OCI charts from
/// the <see cref="ChartCache"/>, downloading (once) only on a cache miss.
/// </summary>
internal sealed class ChartResolver(HelmCli helm, ChartCache cache)
{
    /// <summary>Resolves a chart.</summary>
    /// <param name="source">What the user asked for.</param>
    /// <param name="cancellationToken">Stops a download.</param>
    /// <returns>The chart on disk with its metadata and digest.</returns>
    /// <exception cref="DiagnosticException">
    /// TCR1005/TCR1009 bad local chart; TCR1008 version mismatch; TCR1006/TCR1007 download failures; TCR1013 cache not writable.
    /// </exception>
    public Task<ResolvedChart> ResolveAsync(ChartSource source, CancellationToken cancellationToken) =>
        ResolveAsync(source, verifyCachedArchive: true, cancellationToken);

    /// <summary>Resolves a chart; a cached archive's digest is taken from its record unchecked unless <paramref name="verifyCachedArchive"/>.</summary>
    /// <param name="source">What the user asked for.</param>
    /// <param name="verifyCachedArchive">
    /// Hash a cached archive before using it; <see langword="false"/> marks the result <see cref="ResolvedChart.DigestUnverified"/>
    /// and leaves the check to the caller.
    /// </param>
    /// <param name="cancellationToken">Stops a download.</param>
    /// <returns>The chart on disk with its metadata and digest.</returns>
    /// <exception cref="DiagnosticException">As <see cref="ResolveAsync(ChartSource, CancellationToken)"/>.</exception>
    public async Task<ResolvedChart> ResolveAsync(ChartSource source, bool verifyCachedArchive, CancellationToken cancellationToken)
    {
        if (source.Kind == ChartSourceKind.Local)
        {
            var metadata = ChartArchive.ReadMetadata(source.Location);
            CheckVersion(source.Location, metadata, source.Version);
            return new ResolvedChart(source.Location, metadata, Digest: null, source.Display, Downloaded: false, IsFolder: Directory.Exists(source.Location));
        }

        var key = source.CacheKey!;
        if (await cache.TryGetAsync(key, cancellationToken, verifyCachedArchive).ConfigureAwait(false) is { } hit)
        {
            return new ResolvedChart(hit.BlobPath, ChartArchive.ReadMetadata(hit.BlobPath), hit.Digest, source.Display, Downloaded: false, DigestUnverified: !verifyCachedArchive);
        }

        var download = Directory.CreateTempSubdirectory("talos-cilium-pull-").FullName;
        try
        {
            var archive = await helm.PullAsync(source, download, cancellationToken).ConfigureAwait(false);
            var metadata = ChartArchive.ReadMetadata(archive);
            if (metadata.Name != source.Name)
            {
                throw DiagnosticCatalog.ChartDownloadFailed.Exception(source.Name, source.Version, source.Location, $"the repository served a chart named '{metadata.Name}'");
            }

            CheckVersion(source.Display, metadata, source.Version);
            var entry = await cache.AddAsync(archive, _ => key, cancellationToken).ConfigureAwait(false);
            return new ResolvedChart(entry.BlobPath, metadata, entry.Digest, source.Display, Downloaded: true);
        }
        finally
        {
            try
            {
                Directory.Delete(download, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only a temp folder; the OS cleans it.
            }
        }
    }

    private static void CheckVersion(string chart, ChartMetadata metadata, string? requested)
    {
        // helm itself accepts a leading "v" on versions, so "v1.18.1" asks for chart version 1.18.1.
        if (requested is not null && !string.Equals(metadata.Version.TrimStart('v'), requested.TrimStart('v'), StringComparison.Ordinal))
        {
            throw DiagnosticCatalog.ChartVersionMismatch.Exception(chart, metadata.Version, requested);
        }
    }
}
