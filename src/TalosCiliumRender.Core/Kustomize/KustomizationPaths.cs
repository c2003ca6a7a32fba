using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Resolves the paths a kustomization names. Files stay inside its folder, after resolving <c>..</c> and every
/// symlink, as kustomize's default load restrictor (LoadRestrictionsRootOnly) keeps them, so an overlay cannot read
/// files it does not own; a folder holding its own kustomization (a base or component) may lie anywhere.
/// </summary>
internal static class KustomizationPaths
{
    /// <summary>The names kustomize looks for in a folder, in its order.</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    private static readonly string[] RemotePrefixes = ["http://", "https://", "git@", "git::", "ssh://", "github.com/", "gitlab.com/", "bitbucket.org/", "oci://"];

    public static bool LooksRemote(string path) =>
        RemotePrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || path.Contains("://", StringComparison.Ordinal);

    /// <summary>The folder <paramref name="relative"/> names, symlinks resolved, or <see langword="null"/> when it names no folder.</summary>
    /// <returns>The full path (symlinks resolved) and the path to show the user.</returns>
    public static (string FullPath, string DisplayPath)? Folder(Kustomization kustomization, string relative)
    {
        var lexical = Path.GetFullPath(Path.Combine(kustomization.Directory, relative));
        return Directory.Exists(lexical) ? (RealPath(lexical), Display(kustomization, relative)) : null;
    }

    /// <summary>Resolves <paramref name="relative"/> against the kustomization folder.</summary>
    /// <param name="kustomization">The kustomization naming the path.</param>
    /// <param name="relative">The path as written.</param>
    /// <param name="location">Where it is written, for diagnostics.</param>
    /// <param name="anywhere">Skip the load restrictor (the path only has to exist).</param>
    /// <returns>The full path (symlinks resolved) and the path to show the user.</returns>
    /// <exception cref="DiagnosticException">TCR2054 when it leaves the folder, TCR2055 when it does not exist.</exception>
    public static (string FullPath, string DisplayPath) Resolve(Kustomization kustomization, string relative, SourceLocation location, bool anywhere = false)
    {
        var display = Display(kustomization, relative);
        var lexical = Path.GetFullPath(Path.Combine(kustomization.Directory, relative));
        if (anywhere)
        {
            return File.Exists(lexical) || Directory.Exists(lexical)
                ? (RealPath(lexical), display)
                : throw DiagnosticCatalog.ReferencedFileNotFound.Exception(location, relative, kustomization.FilePath, kustomization.DisplayDirectory);
        }

        // kustomize reports a missing path as missing, wherever it points.
        if (!File.Exists(lexical) && !Directory.Exists(lexical))
        {
            throw DiagnosticCatalog.ReferencedFileNotFound.Exception(location, relative, kustomization.FilePath, kustomization.DisplayDirectory);
        }

        if (!IsInside(lexical, kustomization.Directory))
        {
            throw DiagnosticCatalog.PathEscapesKustomization.Exception(location, relative, kustomization.FilePath, lexical, kustomization.Directory);
        }

        string real;
        try
        {
            // The folder is already real, so only the part below it can hold a symlink.
            real = RealPath(lexical, kustomization.Directory);
        }
        catch (IOException e)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(location, display, e.Message);
        }

        if (!IsInside(real, kustomization.Directory))
        {
            throw DiagnosticCatalog.PathEscapesKustomization.Exception(location, relative, kustomization.FilePath, real, kustomization.Directory);
        }

        return (real, display);
    }

    /// <summary>
    /// The path as the user would write it from where they started: the kustomization's displayed folder joined with
    /// <paramref name="relative"/>, <c>.</c> and <c>..</c> folded away where they can be (<c>overlays/prod/../../base</c> is <c>base</c>).
    /// </summary>
    public static string Display(Kustomization kustomization, string relative)
    {
        if (Path.IsPathRooted(relative))
        {
            return relative;
        }

        var joined = Path.Join(kustomization.DisplayDirectory, relative);
        var rooted = Path.IsPathRooted(joined);
        var parts = new List<string>();
        foreach (var part in joined.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var text = string.Join(Path.DirectorySeparatorChar, parts);
        return rooted ? Path.GetPathRoot(joined) + text : text.Length == 0 ? "." : text;
    }

    /// <summary>True when <paramref name="path"/> is strictly below <paramref name="folder"/>.</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length;
    }

    /// <summary>The path with every symlink along it resolved, like realpath(3).</summary>
    public static string RealPath(string path) => RealPath(path, realPrefix: null, depth: 0);

    /// <summary>
    /// Like <see cref="RealPath(string)"/> for a full <paramref name="path"/> that starts with
    /// <paramref name="realPrefix"/>, a folder already free of symlinks: only the components below it are checked.
    /// </summary>
    public static string RealPath(string path, string realPrefix) => RealPath(path, realPrefix, depth: 0);

    private static string RealPath(string path, string? realPrefix, int depth)
    {
        if (depth > 40)
        {
            throw new IOException($"Too many levels of symbolic links resolving '{path}'.");
        }

        var full = Path.GetFullPath(path);
        var current = realPrefix is not null && IsInside(full, realPrefix) ? realPrefix : Path.GetPathRoot(full) ?? string.Empty;
        var parts = full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            if (LinkTarget(next) is { } target)
            {
                next = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), realPrefix: null, depth + 1);
            }

            current = next;
        }

        return current;
    }

    /// <summary>One readlink per component: a path that is not a link (or does not exist) has no target.</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
