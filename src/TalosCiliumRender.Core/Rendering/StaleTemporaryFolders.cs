namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Removes the temporary folders a killed render left behind. A render deletes its own folders when it ends,
/// even when cancelled; only <c>kill -9</c> (or a power cut) leaves them, and nothing else ever would remove them.
/// </summary>
/// <remarks>
/// Only our own prefixes, only folders untouched for <see cref="MaxAge"/> (a live render is far younger: one helm
/// run may take at most <see cref="RequestOptions.MaxTimeoutSeconds"/>), never through a symbolic link, and
/// never failing the render: another user's folder, a folder in use or a vanished one is simply left alone.
/// </remarks>
internal static class StaleTemporaryFolders
{
    /// <summary>Folders older than this are stale.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>The prefixes of the folders a render creates in the temporary folder (values for helm, helm's home, downloads).</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["talos-cilium-render-", "talos-cilium-helm-", "talos-cilium-pull-"];

    /// <summary>Deletes our stale folders in <paramref name="temporaryFolder"/>.</summary>
    /// <param name="temporaryFolder">The system temporary folder (<see cref="Path.GetTempPath"/>, where renders create theirs).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The folders deleted, for tests and logs.</returns>
    public static IReadOnlyList<string> Remove(string temporaryFolder, DateTimeOffset now)
    {
        var removed = new List<string>();
        try
        {
            foreach (var prefix in Prefixes)
            {
                foreach (var folder in new DirectoryInfo(temporaryFolder).EnumerateDirectories(prefix + "*"))
                {
                    if (TryRemove(folder, now))
                    {
                        removed.Add(folder.FullName);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // An unreadable temporary folder only means nothing is cleaned; the render itself will report if it cannot work there.
        }

        return removed;
    }

    private static bool TryRemove(DirectoryInfo folder, DateTimeOffset now)
    {
        try
        {
            // A link is never followed: it may point anywhere, and it is not a folder we made.
            if (folder.LinkTarget is not null || (folder.Attributes & FileAttributes.ReparsePoint) != 0
                || now - folder.LastWriteTimeUtc < MaxAge)
            {
                return false;
            }

            // Recursive deletion removes links inside the folder without following them.
            folder.Delete(recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return false;
        }
    }
}
