using System.Runtime.InteropServices;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// What a path is and where its symbolic links lead, asked of the file system without opening the path: opening a
/// named pipe blocks until someone reads it, and reading one never ends.
/// </summary>
internal static partial class PathProbe
{
    /// <summary>Linux allows 40 links in one lookup (MAXSYMLINKS); a longer chain is a loop in practice.</summary>
    public const int MaxLinks = 40;

    // S_IFMT bits of stat's st_mode, in the encoding .NET's native shim (System.Native) reports on every Unix.
    private const int TypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharacterDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSocket = 0xC000;

    /// <summary>The kind of file at <paramref name="fullPath"/>, following symbolic links as opening it would.</summary>
    public static OutputKind KindOf(string fullPath)
    {
        if (OperatingSystem.IsWindows() || !TryStat(fullPath, out var mode))
        {
            return Directory.Exists(fullPath) ? OutputKind.Directory : File.Exists(fullPath) ? OutputKind.File : OutputKind.Missing;
        }

        return (mode & TypeMask) switch
        {
            TypeRegular => OutputKind.File,
            TypeDirectory => OutputKind.Directory,
            TypeCharacterDevice => OutputKind.CharacterDevice,
            TypeBlockDevice => OutputKind.BlockDevice,
            TypeFifo => OutputKind.Pipe,
            TypeSocket => OutputKind.Socket,
            _ => OutputKind.Missing, // stat failed: missing, a dangling link, a loop, or no access to a folder on the way
        };
    }

    /// <summary>
    /// <paramref name="fullPath"/> with every symbolic link in it replaced by its target, the way the kernel walks a
    /// path (a link's relative target counts from the folder the link is in, after that folder's own links); like
    /// <c>realpath -m</c>, a tail that does not exist (the target of a dangling link) is kept as it is.
    /// </summary>
    /// <returns>The physical path, or <see langword="null"/> when the links form a loop (more than <see cref="MaxLinks"/>).</returns>
    public static string? PhysicalPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var pending = new Stack<string>(Components(fullPath[root.Length..]).Reverse());
        var resolved = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var candidate = Path.Join(resolved, part);
            var target = LinkTarget(candidate);
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target) ?? root;
                target = target[resolved.Length..];
            }

            foreach (var next in Components(target).Reverse())
            {
                pending.Push(next);
            }
        }

        return resolved;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not a link, or not ours to look into: the write reports what is really wrong
        }
    }

    /// <summary>stat(2)'s st_mode in <paramref name="mode"/> (0 when the path does not resolve); false when stat cannot be called here.</summary>
    private static bool TryStat(string path, out int mode)
    {
        try
        {
            mode = Stat(path, out var status) == 0 ? status.Mode : 0;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            mode = 0;
            return false; // a runtime without the shim: fall back to what FileInfo can tell
        }
    }

    // System.Native is the native shim every .NET runtime on Unix ships (linked in under Native AOT). No public API
    // before .NET 11's SafeFileHandle.Type tells a device or pipe from a file, and that one needs the path opened.
    // Only Flags and Mode, the first two fields of its FileStatus, are read; the size leaves room for the rest.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatusHead output);

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatusHead
    {
        public int Flags;
        public int Mode;
    }
}
