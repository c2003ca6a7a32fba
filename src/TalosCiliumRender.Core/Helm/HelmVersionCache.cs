using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Remembers what <c>helm version --short</c> printed for a helm binary, so a warm render starts helm only for
/// <c>helm template</c>. One small file per binary identity (<see cref="FileIdentity"/>) under
/// <c>&lt;chart cache&gt;/helm-versions/</c>.
/// </summary>
/// <remarks>
/// Everything here is best effort: a record that is missing, unreadable, damaged, written for another binary or
/// holding anything but a helm 3 or 4 version is a miss (helm is asked again), and a folder that cannot be written
/// only means helm is asked on every render. Records are written to a temporary file and renamed, so a concurrent
/// reader sees a whole record or none.
/// </remarks>
internal sealed class HelmVersionCache
{
    /// <summary>The subfolder of the chart cache that holds the records.</summary>
    public const string FolderName = "helm-versions";

    private readonly FileIdentityRecords _records;

    /// <summary>Opens (without creating) the records under <paramref name="chartCacheRoot"/>.</summary>
    /// <param name="chartCacheRoot">The chart cache folder, from <see cref="ChartCache.RootFor"/>.</param>
    public HelmVersionCache(string chartCacheRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chartCacheRoot);
        _records = new FileIdentityRecords(Path.Combine(Path.GetFullPath(chartCacheRoot), FolderName), "version");
    }

    /// <summary>The folder holding the records.</summary>
    public string Folder => _records.Folder;

    /// <summary>The version text remembered for <paramref name="identity"/>: only a helm 3 or 4 version is taken.</summary>
    /// <returns>The text, or <see langword="null"/> on a miss.</returns>
    public Task<string?> TryReadAsync(FileIdentity identity, CancellationToken cancellationToken) =>
        _records.TryReadAsync(identity, version => HelmLocator.ParseVersion(version) is { Major: 3 or 4 }, cancellationToken);

    /// <summary>Remembers <paramref name="versionText"/> for <paramref name="identity"/>; a failure to write is ignored.</summary>
    public Task TryWriteAsync(FileIdentity identity, string versionText, CancellationToken cancellationToken) =>
        _records.TryWriteAsync(identity, versionText, cancellationToken);

    internal string RecordPath(FileIdentity identity) => _records.RecordPath(identity);
}
