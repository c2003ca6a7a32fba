namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Writes of what a render only remembers to go faster next time (helm's version, a chart's template scan): whole or
/// not at all, so a concurrent render never reads half a record, and never an error, since the next render just
/// recomputes what it cannot read.
/// </summary>
internal static class CacheRecord
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file and a rename; a failure is ignored.</summary>
    /// <param name="path">The record's file.</param>
    /// <param name="content">The whole record.</param>
    /// <param name="cancellationToken">Cancels the write (the temporary file is removed).</param>
    public static async Task TryWriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not writable (read-only home, full disk, a file where the folder should be): recomputed next time.
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> whole or not at all (a temporary file beside it,
    /// then a rename), for records whose failure the caller reports; the folder must exist.
    /// </summary>
    /// <param name="path">The record's file.</param>
    /// <param name="content">The whole record.</param>
    /// <param name="cancellationToken">Cancels the write (the temporary file is removed).</param>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind in a folder we could not write anyway; a later write uses another name.
            }
        }
    }
}
