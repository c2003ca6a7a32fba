using System.Text;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Replaces a file all at once or not at all: the content goes to a temporary file in the same folder, which
/// is then renamed over the target. A failure at any point leaves the previous file exactly as it was, and a
/// file that already holds the same bytes is not rewritten, so git and file watchers stay quiet.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<OutputStatus> WriteIfChangedAsync(string path, string content, CancellationToken cancellationToken)
    {
        var bytes = Utf8NoBom.GetBytes(content);
        var fullPath = Path.GetFullPath(path);
        string? temporary = null;
        try
        {
            if (File.Exists(fullPath) && await SameBytesAsync(fullPath, bytes, cancellationToken).ConfigureAwait(false))
            {
                return OutputStatus.Unchanged;
            }

            var directory = Path.GetDirectoryName(fullPath)!;
            temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            temporary = null;
            return OutputStatus.Written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw DiagnosticCatalog.OutputWriteFailed.Exception(SourceLocation.InFile(path), path, e.Message);
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }
        }
    }

    private static async Task<bool> SameBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length != bytes.Length)
        {
            return false;
        }

        var existing = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return existing.AsSpan().SequenceEqual(bytes);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temp file is harmless and clearly named.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
