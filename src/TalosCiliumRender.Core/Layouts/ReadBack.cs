using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// What an existing output of any layout holds, read back for a comparison with a fresh render: the manifest's
/// documents, and whether what the layout adds around them (file names and kustomization.yaml, the Talos patch
/// documents) matches exactly. Comparing the documents is the diff's business, not the layout's.
/// </summary>
/// <param name="SameBytes">True when the output holds exactly the bytes the render would write.</param>
/// <param name="Documents">The manifest documents the output holds (empty when <paramref name="SameBytes"/> or a problem).</param>
/// <param name="FrameDifference">Why what the layout adds around the documents differs, or <see langword="null"/>.</param>
/// <param name="Problem">Why the output cannot be compared (missing, unreadable, not YAML), or <see langword="null"/>.</param>
internal sealed record ReadBack(bool SameBytes, IReadOnlyList<ManifestDocument> Documents, string? FrameDifference, Diagnostic? Problem)
{
    /// <summary>Reads back one existing file that holds a YAML stream, for a render whose text is <paramref name="manifest"/>.</summary>
    /// <param name="output">The existing output.</param>
    /// <param name="manifest">The rendered text.</param>
    public static ReadBack OfStream(ExistingOutput output, string manifest)
    {
        var displayPath = output.DisplayPath;
        if (output.Files is not [{ Failure: null } file])
        {
            return NotOneReadableFile(output);
        }

        if (file.HoldsUtf8(manifest))
        {
            return new ReadBack(true, [], null, null);
        }

        IReadOnlyList<ManifestDocument> existing;
        try
        {
            existing = YamlReader.ReadDocuments(file.Text(), displayPath);
        }
        catch (DiagnosticException e)
        {
            var location = new SourceLocation(displayPath, e.Diagnostic.Line, e.Diagnostic.Column);
            return new ReadBack(false, [], null, DiagnosticCatalog.OutputStale.Create(location, displayPath, $"it is not a valid YAML stream ({e.Diagnostic.Message})", string.Empty));
        }

        return new ReadBack(false, existing, null, null);
    }

    /// <summary>Reads back an existing Talos patch, for a render whose patch is <paramref name="patch"/> (see <see cref="OfStream"/>).</summary>
    public static ReadBack OfTalosPatch(ExistingOutput output, string patch)
    {
        var displayPath = output.DisplayPath;
        if (output.Files is not [{ Failure: null } file])
        {
            return NotOneReadableFile(output);
        }

        var text = file.Text();
        if (text == patch)
        {
            return new ReadBack(true, [], null, null);
        }

        try
        {
            var (existingManifest, existingSkeleton) = TalosPatch.Split(YamlReader.ReadDocuments(text, displayPath));
            var (_, renderedSkeleton) = TalosPatch.Split(YamlReader.ReadDocuments(patch, null));
            if (existingManifest is null || existingSkeleton.Count != renderedSkeleton.Count
                || existingSkeleton.Zip(renderedSkeleton).Any(p => !YamlEquivalence.AreEquivalent(p.First, p.Second)))
            {
                return Refused(displayPath, "the Talos patch around the manifest differs from a fresh render");
            }

            return new ReadBack(false, YamlReader.ReadDocuments(existingManifest, displayPath), null, null);
        }
        catch (DiagnosticException e)
        {
            return Refused(displayPath, $"it is not a valid Talos patch ({e.Diagnostic.Message})");
        }
    }

    /// <summary>
    /// Reads back an existing folder for the <paramref name="planned"/> files: <paramref name="exactFile"/> must match byte
    /// for byte and the file names as a set; the other <c>.yaml</c> files are read as documents (see <see cref="OfStream"/>).
    /// </summary>
    public static ReadBack OfFolder(ExistingOutput output, IReadOnlyList<PlannedFile> planned, string exactFile)
    {
        var displayPath = output.DisplayPath;
        if (output.Kind != OutputKind.Directory)
        {
            return Refused(displayPath, output.Kind == OutputKind.Missing ? "it does not exist" : "it is a file, not a folder");
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
                return Refused(displayPath, $"a file in it is not valid YAML ({e.Diagnostic.Message})");
            }
        }

        layoutMatches &= !output.HasSubfolders && output.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal).SetEquals(planned.Select(f => f.RelativePath));
        return new ReadBack(false, existing, layoutMatches ? null : "its file names or kustomization.yaml differ from a fresh render", null);
    }

    private static ReadBack Unreadable(string displayPath, Exception failure) =>
        new(false, [], null, failure is DiagnosticException e ? e.Diagnostic : DiagnosticCatalog.FileUnreadable.Create(SourceLocation.InFile(displayPath), displayPath, failure.Message));

    private static ReadBack NotOneReadableFile(ExistingOutput output) =>
        output.Files is [{ Failure: { } failure }] ? Unreadable(output.DisplayPath, failure) : Refused(output.DisplayPath, "it does not exist");

    private static ReadBack Refused(string displayPath, string why) => new(false, [], null, Stale(displayPath, why));

    /// <summary>The TCR0008 error for an output that differs from a fresh render in a way the diff cannot show.</summary>
    public static Diagnostic Stale(string displayPath, string why) =>
        DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, why, string.Empty);
}
