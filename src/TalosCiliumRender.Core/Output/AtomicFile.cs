using System.Text;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Replaces a file all at once or not at all: the content goes to a temporary file in the same folder, which
/// is then renamed over the target. A failure at any point leaves the previous file exactly as it was, and a
/// file that already holds the same bytes is not rewritten, so git and file watchers stay quiet.
/// </summary>
/// <remarks>
/// The caller passes the physical path (symbolic links followed, see <see cref="OutputTarget"/>), so the rename
/// replaces a link's target and the link stays. The new file keeps the old one's permission bits: a manifest
/// holding private keys that was made private stays private.
/// </remarks>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Makes the regular file at <paramref name="physicalPath"/> hold <paramref name="content"/> (UTF-8, no BOM).</summary>
    /// <param name="displayPath">The path as the user gave it, for messages.</param>
    /// <param name="physicalPath">The file itself, links followed; it may not exist yet.</param>
    /// <param name="content">The text.</param>
    /// <param name="cancellationToken">Stops before the rename; the old file is then untouched.</param>
    /// <param name="existing">The file as the render read it, so it is not read again; read here when <see langword="null"/>.</param>
    /// <exception cref="DiagnosticException">TCR0007.</exception>
    public static async Task<OutputStatus> WriteIfChangedAsync(string displayPath, string physicalPath, string content, CancellationToken cancellationToken, ExistingFile? existing = null)
    {
        var bytes = Utf8NoBom.GetBytes(content);
        var fullPath = Path.GetFullPath(physicalPath);
        string? temporary = null;
        try
        {
            var exists = File.Exists(fullPath);
            if (exists && (existing?.Holds(bytes) ?? await SameBytesAsync(fullPath, bytes, cancellationToken).ConfigureAwait(false)))
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

            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(fullPath));
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, fullPath, overwrite: true);
            temporary = null;
            return OutputStatus.Written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw DiagnosticCatalog.OutputWriteFailed.Exception(SourceLocation.InFile(displayPath), displayPath, e.Message.TrimEnd('.'));
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// True when the file holds exactly <paramref name="bytes"/>. A file that cannot be read is simply replaced: the
    /// render must not fail because an old output is unreadable (carry-over already warned with TCR4004).
    /// </summary>
    private static async Task<bool> SameBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            if (new FileInfo(path).Length != bytes.Length)
            {
                return false;
            }

            var existing = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return existing.AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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
