namespace TalosCiliumRender.Core.Helm;

/// <summary>A chart archive held in the <see cref="ChartCache"/>.</summary>
/// <param name="Key">The reference it is filed under: normalized repository URL (or OCI registry path), chart name and version.</param>
/// <param name="Name">The chart name from its Chart.yaml.</param>
/// <param name="Version">The chart version from its Chart.yaml.</param>
/// <param name="Digest"><c>sha256:&lt;hex&gt;</c> of the archive, which is also its file name in the cache.</param>
/// <param name="BlobPath">Full path of the cached archive; pass it to helm like any local chart.</param>
internal sealed record ChartCacheEntry(string Key, string Name, string Version, string Digest, string BlobPath);
