using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Diff;

/// <summary>Reads a manifest that is one YAML file, or a folder of them such as the directory layout.</summary>
internal static class ManifestFiles
{
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>Reads the manifest at <paramref name="path"/>; it must hold Kubernetes objects and nothing else.</summary>
    /// <exception cref="DiagnosticException">TCR3004 unreadable; TCR0033 not a manifest; TCR3xxx malformed YAML.</exception>
    public static async Task<IReadOnlyList<ManifestDocument>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            // The folder's kustomization only lists the files; the resources are in the files themselves.
            string[] files;
            try
            {
                files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Where(f => !KustomizationNames.Contains(Path.GetFileName(f), StringComparer.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw DiagnosticCatalog.FileUnreadable.Exception(SourceLocation.InFile(path), path, e.Message);
            }

            var documents = new List<ManifestDocument>();
            foreach (var file in files)
            {
                documents.AddRange(await ReadFileAsync(file, cancellationToken).ConfigureAwait(false));
            }

            return documents.Count > 0
                ? documents
                : throw DiagnosticCatalog.NotAManifest.Exception(SourceLocation.InFile(path), path, "the folder holds no YAML file with a Kubernetes object");
        }

        if (!File.Exists(path))
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(SourceLocation.InFile(path), path, "no such file or folder; give a manifest file or a folder of them");
        }

        var single = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        return single.Count > 0
            ? single
            : throw DiagnosticCatalog.NotAManifest.Exception(SourceLocation.InFile(path), path, "it holds no YAML document (it is empty or only comments)");
    }

    private static async Task<IReadOnlyList<ManifestDocument>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await InputFile.ReadTextAsync(path, path, SourceLocation.InFile(path), cancellationToken).ConfigureAwait(false);
        var documents = YamlReader.ReadDocuments(text, path);
        for (var i = 0; i < documents.Count; i++)
        {
            if (NotAnObject(documents[i]) is { } reason)
            {
                // Otherwise a values file or a plain list would be compared as "documents" and reported as changed.
                throw DiagnosticCatalog.NotAManifest.Exception(YamlReader.Locate(path, documents[i].Root.Start), path, $"document {i + 1} {reason}");
            }
        }

        return documents;
    }

    private static string? NotAnObject(ManifestDocument document) => (document.Root, ObjectIdentity.From(document)) switch
    {
        (not YamlMappingNode, _) => $"is a {YamlReader.Describe(document.Root)}, not a mapping",
        (_, { ApiVersion: null }) => "has no apiVersion",
        (_, { Kind: null }) => "has no kind",
        (_, { Name: null }) => "has no metadata.name",
        _ => null,
    };
}
