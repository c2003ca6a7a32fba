using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// How an existing output of any layout relates to a fresh render. Check mode reports it; Write mode uses it to
/// leave an output alone that differs only in freshly generated certificates. The manifest part is compared
/// resource by resource (<see cref="ManifestDiff"/>); what the layout adds around it (file names and
/// kustomization.yaml, the Talos patch documents) must match exactly.
/// </summary>
/// <param name="UpToDate">True when the output holds the same bytes, or the same resources (see <see cref="ManifestDiff"/>).</param>
/// <param name="Differences">The resources that differ, when both sides could be read.</param>
/// <param name="Problem">Why the output could not be compared (missing, unreadable, not YAML), or <see langword="null"/>.</param>
internal sealed record OutputComparison(bool UpToDate, IReadOnlyList<ResourceDifference> Differences, Diagnostic? Problem)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Compares one existing file that holds a YAML stream with the rendered <paramref name="manifest"/>.</summary>
    /// <param name="output">The existing output.</param>
    /// <param name="manifest">The rendered text.</param>
    /// <param name="documents">The rendered documents.</param>
    /// <param name="policy">How generated material (certificates, keys) may differ; Stability supplies it.</param>
    public static OutputComparison OfStream(
        ExistingOutput output, string manifest, IReadOnlyList<ManifestDocument> documents, GeneratedMaterialPolicy policy)
    {
        var displayPath = output.DisplayPath;
        if (output.Files is not [var file])
        {
            return Stale(displayPath, "it does not exist");
        }

        if (file.Failure is not null)
        {
            return Unreadable(displayPath, file.Failure);
        }

        if (file.Holds(Utf8NoBom.GetBytes(manifest)))
        {
            return new OutputComparison(true, [], null);
        }

        IReadOnlyList<ManifestDocument> existing;
        try
        {
            existing = YamlReader.ReadDocuments(file.Text(), displayPath);
        }
        catch (DiagnosticException e)
        {
            var location = new SourceLocation(displayPath, e.Diagnostic.Line, e.Diagnostic.Column);
            return new OutputComparison(false, [], DiagnosticCatalog.OutputStale.Create(location, displayPath, $"it is not a valid YAML stream ({e.Diagnostic.Message})", string.Empty));
        }

        var differences = ManifestDiff.Compare(existing, documents, policy);
        return new OutputComparison(differences.Count == 0, differences, null);
    }

    /// <summary>Compares an existing Talos patch with the rendered <paramref name="patch"/> (see <see cref="OfStream"/> for the parameters).</summary>
    public static OutputComparison OfTalosPatch(
        ExistingOutput output, string patch, IReadOnlyList<ManifestDocument> documents, GeneratedMaterialPolicy policy)
    {
        var displayPath = output.DisplayPath;
        if (output.Files is not [var file])
        {
            return Stale(displayPath, "it does not exist");
        }

        if (file.Failure is not null)
        {
            return Unreadable(displayPath, file.Failure);
        }

        var text = file.Text();
        if (text == patch)
        {
            return new OutputComparison(true, [], null);
        }

        try
        {
            var (existingManifest, existingSkeleton) = TalosPatch.Split(YamlReader.ReadDocuments(text, displayPath));
            var (_, renderedSkeleton) = TalosPatch.Split(YamlReader.ReadDocuments(patch, null));
            if (existingManifest is null || existingSkeleton.Count != renderedSkeleton.Count
                || existingSkeleton.Zip(renderedSkeleton).Any(p => !YamlEquivalence.AreEquivalent(p.First, p.Second)))
            {
                return Stale(displayPath, "the Talos patch around the manifest differs from a fresh render");
            }

            var differences = ManifestDiff.Compare(YamlReader.ReadDocuments(existingManifest, displayPath), documents, policy);
            return new OutputComparison(differences.Count == 0, differences, null);
        }
        catch (DiagnosticException e)
        {
            return Stale(displayPath, $"it is not a valid Talos patch ({e.Diagnostic.Message})");
        }
    }

    /// <summary>
    /// Compares an existing folder with the <paramref name="planned"/> files: <paramref name="exactFile"/> byte for byte,
    /// the other <c>.yaml</c> files as resources, and the file names as a set (see <see cref="OfStream"/> for the other parameters).
    /// </summary>
    public static OutputComparison OfFolder(
        ExistingOutput output, IReadOnlyList<PlannedFile> planned, string exactFile, IReadOnlyList<ManifestDocument> documents, GeneratedMaterialPolicy policy)
    {
        var displayPath = output.DisplayPath;
        if (output.Kind != OutputKind.Directory)
        {
            return Stale(displayPath, output.Kind == OutputKind.Missing ? "it does not exist" : "it is a file, not a folder");
        }

        if (output.Failure is not null)
        {
            return Unreadable(displayPath, output.Failure);
        }

        var existing = new List<ManifestDocument>();
        var layoutMatches = true;
        foreach (var file in output.Files)
        {
            if (!file.IsRegularFile)
            {
                layoutMatches = false; // a pipe or device among the files: never read, and never what a render writes
                continue;
            }

            if (file.Failure is IOException or UnauthorizedAccessException)
            {
                return Unreadable(displayPath, file.Failure);
            }

            try
            {
                var text = file.Text();
                if (file.Name == exactFile)
                {
                    layoutMatches &= text == planned.Single(f => f.RelativePath == exactFile).Content;
                }
                else if (file.Name.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    existing.AddRange(YamlReader.ReadDocuments(text, file.DisplayPath));
                }
            }
            catch (DiagnosticException e)
            {
                return Stale(displayPath, $"a file in it is not valid YAML ({e.Diagnostic.Message})");
            }
        }

        layoutMatches &= !output.HasSubfolders && output.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal).SetEquals(planned.Select(f => f.RelativePath));
        var differences = ManifestDiff.Compare(existing, documents, policy);
        if (!layoutMatches && differences.Count == 0)
        {
            return Stale(displayPath, "its file names or kustomization.yaml differ from a fresh render");
        }

        return new OutputComparison(layoutMatches && differences.Count == 0, differences, null);
    }

    /// <summary>The TCR0008 (or TCR3004) error that check mode reports for an output that is not up to date.</summary>
    public Diagnostic StaleDiagnostic(string displayPath)
    {
        if (Problem is not null)
        {
            return Problem;
        }

        var summary = Differences.Count == 1 ? "1 resource differs from a fresh render" : $"{Differences.Count} resources differ from a fresh render";
        return DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, summary, ManifestDiff.Describe(Differences));
    }

    private static OutputComparison Unreadable(string displayPath, Exception failure) =>
        new(false, [], failure is DiagnosticException e ? e.Diagnostic : DiagnosticCatalog.FileUnreadable.Create(SourceLocation.InFile(displayPath), displayPath, failure.Message));

    private static OutputComparison Stale(string displayPath, string why) =>
        new(false, [], DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, why, string.Empty));
}
