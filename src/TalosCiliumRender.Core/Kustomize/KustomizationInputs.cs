using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// The files a build of a kustomization reads: every kustomization file, and the resource and patch files each
/// names, through bases and components wherever they lie. An incremental build (the MSBuild task) watches them, since
/// a base outside the overlay's folder is not under any folder it already watches.
/// </summary>
internal static class KustomizationInputs
{
    /// <summary>Collects the files, best effort: what cannot be read is left out (the build itself reports it).</summary>
    /// <param name="kustomizationPath">A folder holding a kustomization file, or the file itself.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>Full paths, symlinks resolved, each once, sorted.</returns>
    public static async Task<IReadOnlyList<string>> CollectAsync(string kustomizationPath, CancellationToken cancellationToken)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        await WalkAsync(Path.GetFullPath(kustomizationPath), kustomizationPath, files, visited, cancellationToken).ConfigureAwait(false);
        return files.ToList();
    }

    private static async Task WalkAsync(string path, string display, SortedSet<string> files, HashSet<string> visited, CancellationToken cancellationToken)
    {
        Kustomization kustomization;
        try
        {
            kustomization = await KustomizationLoader.LoadAsync(path, display, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException)
        {
            // A broken kustomization still has a file to watch: the fix will change it.
            foreach (var name in KustomizationPaths.FileNames.Select(n => Path.Combine(path, n)).Append(path).Where(File.Exists))
            {
                files.Add(KustomizationPaths.RealPath(name));
            }

            return;
        }

        var file = KustomizationPaths.RealPath(Path.Combine(kustomization.Directory, Path.GetFileName(kustomization.FilePath)));
        files.Add(file);
        if (!visited.Add(kustomization.Directory))
        {
            return; // a cycle, or a base reached twice; the build reports the first
        }

        foreach (var entry in kustomization.Resources.Concat(kustomization.Components))
        {
            if (KustomizationPaths.Folder(kustomization, entry.Path) is { } folder)
            {
                await WalkAsync(folder.FullPath, folder.DisplayPath, files, visited, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                AddFile(kustomization, entry.Path, files);
            }
        }

        foreach (var patch in kustomization.PatchesStrategicMerge.Concat(kustomization.Patches).Concat(kustomization.PatchesJson6902))
        {
            if (patch.Path is not null)
            {
                AddFile(kustomization, patch.Path, files);
            }
        }
    }

    private static void AddFile(Kustomization kustomization, string relative, SortedSet<string> files)
    {
        var full = Path.GetFullPath(Path.Combine(kustomization.Directory, relative));
        if (File.Exists(full))
        {
            files.Add(KustomizationPaths.RealPath(full));
        }
    }
}
