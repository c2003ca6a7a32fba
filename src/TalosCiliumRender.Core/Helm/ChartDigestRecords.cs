using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// The content digest of each local chart archive, remembered per file identity (<see cref="FileIdentity"/>) under
/// <c>&lt;chart cache&gt;/chart-digests/</c>, so a warm render knows which cached analysis (values model, template scan)
/// belongs to the chart without hashing it before helm starts. A remembered digest is a claim: the render hashes the
/// archive while helm runs and renders again, trusting no record, when the two differ.
/// </summary>
internal sealed class ChartDigestRecords
{
    /// <summary>The subfolder of the chart cache that holds the records.</summary>
    public const string FolderName = "chart-digests";

    private readonly FileIdentityRecords _records;

    /// <summary>Opens (without creating) the records under <paramref name="chartCacheRoot"/>.</summary>
    /// <param name="chartCacheRoot">The chart cache folder, from <see cref="ChartCache.RootFor"/>.</param>
    public ChartDigestRecords(string chartCacheRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chartCacheRoot);
        _records = new FileIdentityRecords(Path.Combine(Path.GetFullPath(chartCacheRoot), FolderName), "digest");
    }

    /// <summary>The digest remembered for the archive with <paramref name="identity"/>.</summary>
    /// <returns><c>sha256:&lt;hex&gt;</c>, or <see langword="null"/> on a miss.</returns>
    public Task<string?> TryReadAsync(FileIdentity identity, CancellationToken cancellationToken) =>
        _records.TryReadAsync(identity, d => ChartCache.IsDigest(d), cancellationToken);

    /// <summary>Remembers <paramref name="digest"/> for <paramref name="identity"/>; a failure to write is ignored.</summary>
    public Task TryWriteAsync(FileIdentity identity, string digest, CancellationToken cancellationToken) =>
        _records.TryWriteAsync(identity, digest, cancellationToken);

    internal string RecordPath(FileIdentity identity) => _records.RecordPath(identity);
}
