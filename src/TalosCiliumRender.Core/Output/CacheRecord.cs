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
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not writable (read-only home, full disk, a file where the folder should be): recomputed next time.
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind in a folder we could not write anyway.
            }
        }
    }
}
