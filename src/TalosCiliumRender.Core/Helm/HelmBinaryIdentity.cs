using System.Globalization;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// What tells one helm binary from another without running it: the file it really is (symbolic links followed),
/// its size, its modification time and its creation time (the birth time where the file system keeps one, else
/// the older of change and modification time). Replacing or rewriting the binary changes at least one of them.
/// </summary>
/// <param name="ResolvedPath">Full path of the file after following every symbolic link.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedTicks">Last write time, UTC ticks.</param>
/// <param name="CreatedTicks">Creation time, UTC ticks.</param>
internal sealed record HelmBinaryIdentity(string ResolvedPath, long Size, long ModifiedTicks, long CreatedTicks)
{
    /// <summary>One line per part; the record file stores it whole, so a record is only ever read for the same binary.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{ResolvedPath}\n{Size}\n{ModifiedTicks}\n{CreatedTicks}");

    /// <summary>The identity of the file at <paramref name="path"/>.</summary>
    /// <returns><see langword="null"/> when the file cannot be examined; the caller then simply runs helm.</returns>
    public static HelmBinaryIdentity? Of(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            var file = new FileInfo(target);
            return file.Exists
                ? new HelmBinaryIdentity(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, file.CreationTimeUtc.Ticks)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
