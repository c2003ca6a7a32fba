using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// Compares an existing output of any layout with a fresh render, so check mode works for every layout and a
/// write leaves an output alone that differs only in freshly generated certificates. The manifest part is compared
/// resource by resource (<see cref="ManifestDiff"/>); what the layout adds around it (file names and
/// kustomization.yaml, the Talos patch documents) must match exactly.
/// </summary>
internal static class LayoutComparison
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Compares the existing output with the planned one; <c>strict</c> names rendered documents compared without the
    /// generated-certificate allowance (see <see cref="ManifestDiff.Compare"/>).
    /// </summary>
    public static Task<OutputComparison> CompareAsync(
        OutputPlan plan, string displayPath, string fullPath, IReadOnlyList<ManifestDocument> documents, DateTimeOffset now, CancellationToken cancellationToken,
        Func<ManifestDocument, bool>? strict = null) =>
        plan.Layout switch
        {
            OutputLayout.Directory => CompareDirectoryAsync(plan, displayPath, fullPath, documents, now, strict, cancellationToken),
            OutputLayout.Talos => CompareTalosAsync(plan, displayPath, fullPath, documents, now, strict, cancellationToken),
            _ => OutputComparison.CompareAsync(displayPath, fullPath, plan.Manifest, documents, now, cancellationToken, strict),
        };

    private static async Task<OutputComparison> CompareTalosAsync(
        OutputPlan plan, string displayPath, string fullPath, IReadOnlyList<ManifestDocument> documents, DateTimeOffset now, Func<ManifestDocument, bool>? strict, CancellationToken cancellationToken)
    {
        if (!File.Exists(fullPath))
        {
            return Stale(displayPath, "it does not exist");
        }

        string text;
        try
        {
            text = Utf8NoBom.GetString(await InputFile.ReadBytesAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OutputComparison(false, [], DiagnosticCatalog.FileUnreadable.Create(SourceLocation.InFile(displayPath), displayPath, e.Message));
        }
        catch (DiagnosticException e)
        {
            return new OutputComparison(false, [], e.Diagnostic);
        }

        if (text == plan.TalosPatch)
        {
            return new OutputComparison(true, [], null);
        }

        try
        {
            var (existingManifest, existingSkeleton) = Split(YamlReader.ReadDocuments(text, displayPath));
            var (_, renderedSkeleton) = Split(YamlReader.ReadDocuments(plan.TalosPatch!, null));
            if (existingManifest is null || existingSkeleton.Count != renderedSkeleton.Count
                || existingSkeleton.Zip(renderedSkeleton).Any(p => !YamlEquivalence.AreEquivalent(p.First, p.Second)))
            {
                return Stale(displayPath, "the Talos patch around the manifest differs from a fresh render");
            }

            var differences = ManifestDiff.Compare(YamlReader.ReadDocuments(existingManifest, displayPath), documents, Stability.GeneratedMaterialAllowance.At(now, strict));
            return new OutputComparison(differences.Count == 0, differences, null);
        }
        catch (DiagnosticException e)
        {
            return Stale(displayPath, $"it is not a valid Talos patch ({e.Diagnostic.Message})");
        }
    }

    private static async Task<OutputComparison> CompareDirectoryAsync(
        OutputPlan plan, string displayPath, string fullPath, IReadOnlyList<ManifestDocument> documents, DateTimeOffset now, Func<ManifestDocument, bool>? strict, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(fullPath))
        {
            return Stale(displayPath, File.Exists(fullPath) ? "it is a file, not a folder" : "it does not exist");
        }

        var existing = new List<ManifestDocument>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var layoutMatches = true;
        try
        {
            foreach (var file in Directory.GetFiles(fullPath).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                names.Add(name);
                if (PathProbe.KindOf(file) != OutputKind.File)
                {
                    layoutMatches = false; // a pipe or device among the files: never read, and never what a render writes
                    continue;
                }

                var text = Utf8NoBom.GetString(await InputFile.ReadBytesAsync(file, Path.Combine(displayPath, name), cancellationToken).ConfigureAwait(false));
                if (name == DirectoryLayout.KustomizationFileName)
                {
                    layoutMatches &= text == plan.Files[^1].Content;
                }
                else if (name.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    existing.AddRange(YamlReader.ReadDocuments(text, Path.Combine(displayPath, name)));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OutputComparison(false, [], DiagnosticCatalog.FileUnreadable.Create(SourceLocation.InFile(displayPath), displayPath, e.Message));
        }
        catch (DiagnosticException e)
        {
            return Stale(displayPath, $"a file in it is not valid YAML ({e.Diagnostic.Message})");
        }

        layoutMatches &= names.SetEquals(plan.Files.Select(f => f.RelativePath)) && Directory.GetDirectories(fullPath).Length == 0;
        var differences = ManifestDiff.Compare(existing, documents, Stability.GeneratedMaterialAllowance.At(now, strict));
        if (!layoutMatches && differences.Count == 0)
        {
            return Stale(displayPath, "its file names or kustomization.yaml differ from a fresh render");
        }

        return new OutputComparison(layoutMatches && differences.Count == 0, differences, null);
    }

    /// <summary>The embedded manifest, and the patch documents with the manifest blanked out.</summary>
    internal static (string? Manifest, IReadOnlyList<YamlNode> Skeleton) Split(IReadOnlyList<ManifestDocument> patch)
    {
        string? manifest = null;
        var skeleton = new List<YamlNode>();
        foreach (var document in patch)
        {
            var copy = YamlNodes.DeepClone(document.Root);
            if (copy is YamlMappingNode map)
            {
                if (map.GetString("kind") == "KubeInlineManifestConfig")
                {
                    manifest ??= map.GetString("manifest");
                    map.Children[new YamlScalarNode("manifest")] = ScalarFactory.String(string.Empty);
                }

                foreach (var inline in (map.GetPath("cluster", "inlineManifests") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
                {
                    manifest ??= inline.GetString("contents");
                    inline.Children[new YamlScalarNode("contents")] = ScalarFactory.String(string.Empty);
                }
            }

            skeleton.Add(copy);
        }

        return (manifest, skeleton);
    }

    private static OutputComparison Stale(string displayPath, string why) =>
        new(false, [], DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, why, string.Empty));
}
