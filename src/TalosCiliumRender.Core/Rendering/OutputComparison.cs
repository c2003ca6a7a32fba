using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// How an existing output of any layout relates to a fresh render. Check mode reports it; Write mode uses it to
/// leave an output alone that differs only in freshly generated certificates. The layout reads the output back
/// (<see cref="ReadBack"/>); the manifest part is compared resource by resource (<see cref="ManifestDiff"/>).
/// </summary>
/// <param name="UpToDate">True when the output holds the same bytes, or the same resources and the same frame.</param>
/// <param name="Differences">The resources that differ, when both sides could be read.</param>
/// <param name="Problem">Why the output could not be compared, or why its frame differs; <see langword="null"/> otherwise.</param>
internal sealed record OutputComparison(bool UpToDate, IReadOnlyList<ResourceDifference> Differences, Diagnostic? Problem)
{
    /// <summary>Compares what the layout read back with the rendered <paramref name="documents"/>.</summary>
    /// <param name="readBack">The existing output, read back by its layout.</param>
    /// <param name="documents">The rendered documents.</param>
    /// <param name="policy">How generated material (certificates, keys) may differ; Stability supplies it.</param>
    /// <param name="displayPath">The output as the user named it.</param>
    public static OutputComparison Of(ReadBack readBack, IReadOnlyList<ManifestDocument> documents, GeneratedMaterialPolicy policy, string displayPath)
    {
        if (readBack.Problem is not null)
        {
            return new OutputComparison(false, [], readBack.Problem);
        }

        if (readBack.SameBytes)
        {
            return new OutputComparison(true, [], null);
        }

        var differences = ManifestDiff.Compare(readBack.Documents, documents, policy);
        return readBack.FrameDifference is { } why && differences.Count == 0
            ? new OutputComparison(false, [], ReadBack.Stale(displayPath, why))
            : new OutputComparison(readBack.FrameDifference is null && differences.Count == 0, differences, null);
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
}
