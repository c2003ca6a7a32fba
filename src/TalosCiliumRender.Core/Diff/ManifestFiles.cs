using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Diff;

/// <summary>Reads a manifest that is one YAML file, or a folder of them such as the directory layout.</summary>
internal static class ManifestFiles
{
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static async Task<IReadOnlyList<ManifestDocument>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            // The folder's kustomization only lists the files; the resources are in the files themselves.
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Where(f => !KustomizationNames.Contains(Path.GetFileName(f), StringComparer.Ordinal))
                .Order(StringComparer.Ordinal);
            var documents = new List<ManifestDocument>();
            foreach (var file in files)
            {
                documents.AddRange(await ReadFileAsync(file, cancellationToken).ConfigureAwait(false));
            }

            return documents;
        }

        if (!File.Exists(path))
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(SourceLocation.InFile(path), path, "no such file or folder; give a manifest file or a folder of them");
        }

        return await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ManifestDocument>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await InputFile.ReadTextAsync(path, path, SourceLocation.InFile(path), cancellationToken).ConfigureAwait(false);
        return YamlReader.ReadDocuments(text, path);
    }
}
