using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// How an existing output file relates to a fresh render. Check mode reports it; Write mode uses it to leave a file
/// alone that differs only in freshly generated certificates.
/// </summary>
/// <param name="UpToDate">True when the file holds the same bytes, or the same resources (see <see cref="ManifestDiff"/>).</param>
/// <param name="Differences">The resources that differ, when both sides could be read.</param>
/// <param name="Problem">Why the file could not be compared (missing, unreadable, not YAML), or <see langword="null"/>.</param>
internal sealed record OutputComparison(bool UpToDate, IReadOnlyList<ResourceDifference> Differences, Diagnostic? Problem)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Compares the file at <paramref name="fullPath"/> with the render.</summary>
    /// <param name="displayPath">The path as the user gave it, for messages.</param>
    /// <param name="fullPath">The resolved path.</param>
    /// <param name="manifest">The rendered text.</param>
    /// <param name="documents">The rendered documents.</param>
    /// <param name="now">The time of the render.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="strict">Rendered documents compared without the generated-certificate allowance (see <see cref="ManifestDiff.Compare"/>).</param>
    public static async Task<OutputComparison> CompareAsync(
        string displayPath, string fullPath, string manifest, IReadOnlyList<ManifestDocument> documents, DateTimeOffset now, CancellationToken cancellationToken,
        Func<ManifestDocument, bool>? strict = null)
    {
        if (!File.Exists(fullPath))
        {
            return new OutputComparison(false, [], DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, "it does not exist", string.Empty));
        }

        byte[] bytes;
        try
        {
            bytes = await InputFile.ReadBytesAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OutputComparison(false, [], DiagnosticCatalog.FileUnreadable.Create(SourceLocation.InFile(displayPath), displayPath, e.Message));
        }
        catch (DiagnosticException e)
        {
            return new OutputComparison(false, [], e.Diagnostic);
        }

        if (bytes.AsSpan().SequenceEqual(Utf8NoBom.GetBytes(manifest)))
        {
            return new OutputComparison(true, [], null);
        }

        IReadOnlyList<ManifestDocument> existing;
        try
        {
            existing = YamlReader.ReadDocuments(Utf8NoBom.GetString(bytes), displayPath);
        }
        catch (DiagnosticException e)
        {
            var location = new SourceLocation(displayPath, e.Diagnostic.Line, e.Diagnostic.Column);
            return new OutputComparison(false, [], DiagnosticCatalog.OutputStale.Create(location, displayPath, $"it is not a valid YAML stream ({e.Diagnostic.Message})", string.Empty));
        }

        var differences = ManifestDiff.Compare(existing, documents, Stability.GeneratedMaterialAllowance.At(now, strict));
        return new OutputComparison(differences.Count == 0, differences, null);
    }

    /// <summary>The TCR0008 (or TCR3004) error that check mode reports for a file that is not up to date.</summary>
    public Diagnostic StaleDiagnostic(string displayPath)
    {
        if (Problem is not null)
        {
            return Problem;
        }

        var summary = Differences.Count == 1 ? "1 resource differs from a fresh render" : $"{Differences.Count} resources differ from a fresh render";
        return DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(displayPath), displayPath, summary, ManifestDiff.Describe(Differences));
    }
}
