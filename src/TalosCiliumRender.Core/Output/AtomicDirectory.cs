using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Replaces a folder all at once or not at all: the new content is built in a temporary folder beside it, which
/// then takes the folder's place. A failure at any point leaves the previous folder exactly as it was; files a
/// render no longer produces disappear with the old folder; a folder that already holds exactly these files is
/// not touched, and files whose bytes did not change keep their timestamps. What the folder holds now is taken from
/// the render's one read of it (<see cref="ExistingOutput"/>), not read again.
/// </summary>
/// <remarks>
/// The swap is two renames (old folder aside, new folder in), so for an instant the path does not exist; a reader
/// never sees a mix of old and new files. Only folders a render wrote (recognised by their <see cref="FolderMarker"/>)
/// or empty folders are replaced, so a mistyped path cannot wipe unrelated files.
/// </remarks>
internal static class AtomicDirectory
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Makes the folder at <paramref name="target"/> hold exactly <paramref name="files"/>.</summary>
    /// <param name="target">The folder; a symbolic link to it is followed (the link stays), a dangling one gets its target created.</param>
    /// <param name="files">Every file the folder must hold, by plain file name.</param>
    /// <param name="marker">The file and first line that show a folder is a render's and may be replaced.</param>
    /// <param name="existing">What the folder holds, as the render read it; read here when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops before the swap; the old folder is then untouched.</param>
    /// <exception cref="DiagnosticException">TCR5005, TCR5006 or TCR0007.</exception>
    public static async Task<OutputStatus> WriteIfChangedAsync(
        OutputTarget target, IReadOnlyList<PlannedFile> files, FolderMarker marker, ExistingOutput? existing, CancellationToken cancellationToken)
    {
        var path = target.DisplayPath;
        if (target.Kind is not (OutputKind.Directory or OutputKind.Missing))
        {
            throw DiagnosticCatalog.OutputPathIsFile.Exception(SourceLocation.InFile(path), path, target.Description);
        }

        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.PhysicalPath));
        existing ??= await ExistingOutput.ReadFolderAsync(path, fullPath, cancellationToken).ConfigureAwait(false);
        var exists = existing.Kind == OutputKind.Directory;
        if (exists && !IsOwned(existing, marker))
        {
            throw DiagnosticCatalog.OutputFolderNotOwned.Exception(SourceLocation.InFile(path), path);
        }

        var wanted = files.ToDictionary(f => f.RelativePath, f => Utf8NoBom.GetBytes(f.Content), StringComparer.Ordinal);
        string? temporary = null;
        string? aside = null;
        try
        {
            if (exists && HoldsExactly(existing, wanted))
            {
                return OutputStatus.Unchanged;
            }

            var parent = Path.GetDirectoryName(fullPath) ?? throw new IOException("the folder has no parent folder");
            var name = Path.GetFileName(fullPath);
            temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(temporary);
            foreach (var (fileName, bytes) in wanted)
            {
                var previous = exists && existing.File(fileName) is { } old && old.Holds(bytes) ? Path.Combine(fullPath, fileName) : null;
                await WriteOneAsync(Path.Combine(temporary, fileName), previous, bytes, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (exists)
            {
                aside = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(fullPath, aside);
                try
                {
                    Directory.Move(temporary, fullPath);
                }
                catch
                {
                    Directory.Move(aside, fullPath);
                    aside = null;
                    throw;
                }
            }
            else
            {
                Directory.Move(temporary, fullPath);
            }

            temporary = null;
            return OutputStatus.Written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw DiagnosticCatalog.OutputWriteFailed.Exception(SourceLocation.InFile(path), path, e.Message.TrimEnd('.'));
        }
        finally
        {
            TryDelete(temporary);
            TryDelete(aside);
        }
    }

    /// <summary>Empty, or holding the marker file with the marker line first.</summary>
    private static bool IsOwned(ExistingOutput existing, FolderMarker marker)
    {
        if (existing.Failure is not null)
        {
            return false; // what cannot be read cannot be shown to be ours
        }

        if (existing.Files.Count == 0 && !existing.HasSubfolders)
        {
            return true;
        }

        if (existing.File(marker.FileName) is not { Bytes: { } bytes })
        {
            return false;
        }

        // The first line as a StreamReader reads it: the encoding its byte order mark names, any line break.
        var text = InputFile.Decode(bytes);
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]) == marker.FirstLine;
    }

    private static bool HoldsExactly(ExistingOutput existing, Dictionary<string, byte[]> wanted) =>
        !existing.HasSubfolders && existing.Files.Count == wanted.Count
        && wanted.All(w => existing.File(w.Key) is { } file && file.Holds(w.Value));

    /// <param name="target">The new file, in the temporary folder.</param>
    /// <param name="previous">The old file, when it held these very bytes.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    private static async Task WriteOneAsync(string target, string? previous, byte[] bytes, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            // Same bytes: a copy with the old timestamp, so tools that look at times (make, rsync, editors) see no change.
            File.Copy(previous, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(previous));
            return;
        }

        await using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a stray, clearly named hidden folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
