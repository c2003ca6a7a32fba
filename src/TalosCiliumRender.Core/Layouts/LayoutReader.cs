using System.Text;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>Reads the Kubernetes documents back out of an existing output of any layout (for the carry-over of generated Secrets).</summary>
internal static class LayoutReader
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The documents of the output at <paramref name="fullPath"/>; null when there is none, or when it is a device or
    /// pipe (never read: a pipe would never end).
    /// </summary>
    /// <exception cref="Diagnostics.DiagnosticException">The output is not valid YAML, or too large.</exception>
    /// <exception cref="IOException">The output cannot be read.</exception>
    public static async Task<IReadOnlyList<ManifestDocument>?> ReadDocumentsAsync(OutputLayout layout, string displayPath, string fullPath, CancellationToken cancellationToken)
    {
        switch (layout)
        {
            case OutputLayout.Directory:
                if (!Directory.Exists(fullPath))
                {
                    return null;
                }

                var documents = new List<ManifestDocument>();
                foreach (var file in Directory.GetFiles(fullPath, "*.yaml").Where(f => PathProbe.KindOf(f) == OutputKind.File).Order(StringComparer.Ordinal))
                {
                    if (Path.GetFileName(file) != DirectoryLayout.KustomizationFileName)
                    {
                        documents.AddRange(YamlReader.ReadDocuments(await ReadAsync(file, Path.Combine(displayPath, Path.GetFileName(file)), cancellationToken).ConfigureAwait(false), Path.Combine(displayPath, Path.GetFileName(file))));
                    }
                }

                return documents;
            case OutputLayout.Talos:
                if (PathProbe.KindOf(fullPath) != OutputKind.File)
                {
                    return null;
                }

                var (manifest, _) = LayoutComparison.Split(YamlReader.ReadDocuments(await ReadAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false), displayPath));
                return manifest is null ? [] : YamlReader.ReadDocuments(manifest, displayPath);
            default:
                return PathProbe.KindOf(fullPath) == OutputKind.File ? YamlReader.ReadDocuments(await ReadAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false), displayPath) : null;
        }
    }

    private static async Task<string> ReadAsync(string path, string displayPath, CancellationToken cancellationToken) =>
        Utf8NoBom.GetString(await InputFile.ReadBytesAsync(path, displayPath, cancellationToken).ConfigureAwait(false));
}
