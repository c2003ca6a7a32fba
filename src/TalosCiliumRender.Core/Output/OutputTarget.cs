using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// An output path as the file system sees it. A regular file (or nothing) is replaced atomically at the end of its
/// symbolic links, so a link stays a link and its target gets the render; a device, pipe or socket is written to as
/// a stream and never replaced, read or compared.
/// </summary>
/// <param name="DisplayPath">The path as the user gave it, for messages.</param>
/// <param name="FullPath">The path made absolute; what is reported as written.</param>
/// <param name="PhysicalPath">Where the bytes go: <see cref="FullPath"/> with every symbolic link followed, for a file or folder; <see cref="FullPath"/> itself for a stream.</param>
/// <param name="Kind">What is there now.</param>
internal sealed record OutputTarget(string DisplayPath, string FullPath, string PhysicalPath, OutputKind Kind)
{
    /// <summary>A device, pipe or socket: written to in place, never replaced, read or compared.</summary>
    public bool IsStream => Kind is OutputKind.CharacterDevice or OutputKind.BlockDevice or OutputKind.Pipe or OutputKind.Socket;

    /// <summary>Looks at what <paramref name="fullPath"/> is and where its links lead.</summary>
    /// <exception cref="DiagnosticException">TCR0011 when the symbolic links loop.</exception>
    public static OutputTarget Resolve(string displayPath, string fullPath)
    {
        fullPath = Path.TrimEndingDirectorySeparator(fullPath);
        var kind = PathProbe.KindOf(fullPath);
        if (kind is not (OutputKind.File or OutputKind.Directory or OutputKind.Missing))
        {
            // Opened by its own name, so /dev/stdout and /proc/self/fd/N reach the pipe or terminal they stand for.
            return new OutputTarget(displayPath, fullPath, fullPath, kind);
        }

        var physical = PathProbe.PhysicalPath(fullPath);
        if (physical is null)
        {
            throw DiagnosticCatalog.OutputLinkUnresolvable.Exception(
                SourceLocation.InFile(displayPath), displayPath, $"its symbolic links form a loop (more than {PathProbe.MaxLinks} links in a row)");
        }

        if (kind != OutputKind.Missing && PathProbe.KindOf(physical) != kind)
        {
            // A link whose target is not a plain path, such as /proc/self/fd/N of a deleted file.
            throw DiagnosticCatalog.OutputLinkUnresolvable.Exception(
                SourceLocation.InFile(displayPath), displayPath, $"it leads to '{physical}', which is not the {Describe(kind)[2..]} the path opens");
        }

        return new OutputTarget(displayPath, fullPath, physical, kind);
    }

    /// <summary>"a character device", "a folder", …: what is at the path, for messages.</summary>
    public string Description => Describe(Kind);

    /// <summary>Words for a kind of file.</summary>
    public static string Describe(OutputKind kind) => kind switch
    {
        OutputKind.File => "a file",
        OutputKind.Directory => "a folder",
        OutputKind.CharacterDevice => "a character device",
        OutputKind.BlockDevice => "a block device",
        OutputKind.Pipe => "a pipe",
        OutputKind.Socket => "a socket",
        _ => "missing",
    };
}
