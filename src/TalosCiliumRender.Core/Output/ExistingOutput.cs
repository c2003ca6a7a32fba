using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// What an output path held when a render started looking at it, read once: the carry-over of generated Secrets,
/// the comparison with the fresh render, the check of the provenance header and the "same bytes, leave it alone"
/// decision of the writers all work from this one read.
/// </summary>
/// <param name="DisplayPath">The path as the user gave it, for messages.</param>
/// <param name="Kind">What is at the path; only a <see cref="OutputKind.File"/> or <see cref="OutputKind.Directory"/> is read.</param>
/// <param name="Files">The files read: the one file, or the folder's files in ordinal name order (never its subfolders).</param>
/// <param name="HasSubfolders">The folder holds folders, which no render writes.</param>
/// <param name="Failure">Why the folder could not be listed (<see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>), or <see langword="null"/>.</param>
internal sealed record ExistingOutput(string DisplayPath, OutputKind Kind, IReadOnlyList<ExistingFile> Files, bool HasSubfolders, Exception? Failure)
{
    /// <summary>The file at <paramref name="fullPath"/> when it is a regular file; a device or pipe is never read (a pipe would never end).</summary>
    public static async Task<ExistingOutput> ReadFileAsync(string displayPath, string fullPath, CancellationToken cancellationToken)
    {
        var kind = PathProbe.KindOf(fullPath);
        IReadOnlyList<ExistingFile> files = kind == OutputKind.File ? [await ReadOneAsync(string.Empty, displayPath, fullPath, cancellationToken).ConfigureAwait(false)] : [];
        return new ExistingOutput(displayPath, kind, files, false, null);
    }

    /// <summary>Every file of the folder at <paramref name="fullPath"/>; devices and pipes among them are listed, not read.</summary>
    public static async Task<ExistingOutput> ReadFolderAsync(string displayPath, string fullPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(fullPath))
        {
            return new ExistingOutput(displayPath, PathProbe.KindOf(fullPath), [], false, null);
        }

        var files = new List<ExistingFile>();
        try
        {
            foreach (var file in Directory.GetFiles(fullPath).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var display = Path.Combine(displayPath, name);
                files.Add(PathProbe.KindOf(file) == OutputKind.File
                    ? await ReadOneAsync(name, display, file, cancellationToken).ConfigureAwait(false)
                    : new ExistingFile(name, display, false, null, null));
            }

            return new ExistingOutput(displayPath, OutputKind.Directory, files, Directory.GetDirectories(fullPath).Length > 0, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ExistingOutput(displayPath, OutputKind.Directory, files, false, e);
        }
    }

    /// <summary>The file named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public ExistingFile? File(string name) => Files.FirstOrDefault(f => f.Name == name);

    private static async Task<ExistingFile> ReadOneAsync(string name, string displayPath, string fullPath, CancellationToken cancellationToken)
    {
        try
        {
            return new ExistingFile(name, displayPath, true, await InputFile.ReadBytesAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DiagnosticException)
        {
            return new ExistingFile(name, displayPath, true, null, e);
        }
    }
}
