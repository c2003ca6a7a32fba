using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Layouts;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Replaces a folder all at once or not at all: the new content is built in a temporary folder beside it, which
/// then takes the folder's place. A failure at any point leaves the previous folder exactly as it was; files a
/// render no longer produces disappear with the old folder; a folder that already holds exactly these files is
/// not touched, and files whose bytes did not change keep their timestamps.
/// </summary>
/// <remarks>
/// The swap is two renames (old folder aside, new folder in), so for an instant the path does not exist; a reader
/// never sees a mix of old and new files. Only folders this layout wrote (recognised by the marker line of their
/// kustomization.yaml) or empty folders are replaced, so a mistyped path cannot wipe unrelated files.
/// </remarks>
internal static class AtomicDirectory
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Makes the folder at <paramref name="target"/> hold exactly <paramref name="files"/>.</summary>
    /// <param name="target">The folder; a symbolic link to it is followed (the link stays), a dangling one gets its target created.</param>
    /// <param name="files">Every file the folder must hold, by plain file name.</param>
    /// <param name="cancellationToken">Stops before the swap; the old folder is then untouched.</param>
    /// <exception cref="DiagnosticException">TCR5005, TCR5006 or TCR0007.</exception>
    public static async Task<OutputStatus> WriteIfChangedAsync(OutputTarget target, IReadOnlyList<LayoutFile> files, CancellationToken cancellationToken)
    {
        var path = target.DisplayPath;
        if (target.Kind is not (OutputKind.Directory or OutputKind.Missing))
        {
            throw DiagnosticCatalog.OutputPathIsFile.Exception(SourceLocation.InFile(path), path, target.Description);
        }

        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.PhysicalPath));
        var exists = Directory.Exists(fullPath);
        if (exists && !IsOwned(fullPath))
        {
            throw DiagnosticCatalog.OutputFolderNotOwned.Exception(SourceLocation.InFile(path), path);
        }

        var wanted = files.ToDictionary(f => f.RelativePath, f => Utf8NoBom.GetBytes(f.Content), StringComparer.Ordinal);
        string? temporary = null;
        string? aside = null;
        try
        {
            if (exists && await HoldsExactlyAsync(fullPath, wanted, cancellationToken).ConfigureAwait(false))
            {
                return OutputStatus.Unchanged;
            }

            var parent = Path.GetDirectoryName(fullPath) ?? throw new IOException("the folder has no parent folder");
            var name = Path.GetFileName(fullPath);
            temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(temporary);
            foreach (var (fileName, bytes) in wanted)
            {
                await WriteOneAsync(Path.Combine(temporary, fileName), exists ? Path.Combine(fullPath, fileName) : null, bytes, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Empty, or holding a kustomization.yaml that starts with this layout's marker.</summary>
    private static bool IsOwned(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return true;
            }

            var kustomization = Path.Combine(folder, DirectoryLayout.KustomizationFileName);
            if (!File.Exists(kustomization))
            {
                return false;
            }

            using var reader = new StreamReader(kustomization, Utf8NoBom);
            return reader.ReadLine() == DirectoryLayout.Marker;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // what cannot be read cannot be shown to be ours
        }
    }

    private static async Task<bool> HoldsExactlyAsync(string folder, Dictionary<string, byte[]> wanted, CancellationToken cancellationToken)
    {
        var entries = Directory.GetFileSystemEntries(folder);
        if (entries.Length != wanted.Count || Directory.GetDirectories(folder).Length > 0)
        {
            return false;
        }

        foreach (var (fileName, bytes) in wanted)
        {
            if (!await AtomicFile.SameBytesAsync(Path.Combine(folder, fileName), bytes, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WriteOneAsync(string target, string? previous, byte[] bytes, CancellationToken cancellationToken)
    {
        if (previous is not null && await AtomicFile.SameBytesAsync(previous, bytes, cancellationToken).ConfigureAwait(false))
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
