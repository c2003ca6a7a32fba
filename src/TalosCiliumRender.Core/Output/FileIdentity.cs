using System.Globalization;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// What tells one file from another without reading it: the file it really is (symbolic links followed), its size,
/// its modification time and its creation time (the birth time where the file system keeps one, else the older of
/// change and modification time). Replacing or rewriting the file changes at least one of them.
/// </summary>
/// <param name="ResolvedPath">Full path of the file after following every symbolic link.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedTicks">Last write time, UTC ticks.</param>
/// <param name="CreatedTicks">Creation time, UTC ticks.</param>
internal sealed record FileIdentity(string ResolvedPath, long Size, long ModifiedTicks, long CreatedTicks)
{
    /// <summary>One line per part; a record stores it whole, so a record is only ever read for the same file.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{ResolvedPath}\n{Size}\n{ModifiedTicks}\n{CreatedTicks}");

    /// <summary>The file name of a record kept for this file: 64-bit FNV-1a of <see cref="Key"/>, in hex.</summary>
    /// <remarks>
    /// Not a cryptographic hash on purpose: the record holds its whole key and is trusted only when that matches, so
    /// the name needs no collision resistance, and a render then loads no crypto library before helm starts
    /// (OpenSSL's first use costs milliseconds; what needs it runs while helm does).
    /// </remarks>
    public string RecordName => NameOf(Key);

    /// <summary>64-bit FNV-1a of <paramref name="key"/> in hex: a file name for a record that holds its whole key.</summary>
    internal static string NameOf(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The identity of the file at <paramref name="path"/>.</summary>
    /// <returns><see langword="null"/> when the file cannot be examined; the caller then does without the record.</returns>
    public static FileIdentity? Of(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            var file = new FileInfo(target);
            return file.Exists
                ? new FileIdentity(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, file.CreationTimeUtc.Ticks)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
