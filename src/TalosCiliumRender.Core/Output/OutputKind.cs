namespace TalosCiliumRender.Core.Output;

/// <summary>What an output path holds, after following symbolic links.</summary>
internal enum OutputKind
{
    /// <summary>Nothing (a dangling symbolic link is missing too: its target is what gets created).</summary>
    Missing,

    /// <summary>A regular file: replaced atomically, read for carry-over and comparison.</summary>
    File,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A character device (<c>/dev/null</c>, a terminal): written to as a stream.</summary>
    CharacterDevice,

    /// <summary>A block device: written to as a stream.</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO), or a pipe reached through <c>/dev/stdout</c>: written to as a stream.</summary>
    Pipe,

    /// <summary>A Unix domain socket: cannot be opened as a file.</summary>
    Socket,
}
