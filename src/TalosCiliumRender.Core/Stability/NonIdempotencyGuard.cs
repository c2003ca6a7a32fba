using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Finds output that would differ on the next render of the same input. Cheap first: the static scan names
/// the templates that can write such values, and only when one of them produced a document the carry-over does
/// not keep stable is the chart rendered a second time and the two renders compared field by field.
/// </summary>
internal static class NonIdempotencyGuard
{
    private const int MaxPathsShown = 12;
    private const string MaskedPem = "<generated PEM, carried over>";

    /// <summary>The documents a second render must check; none for a chart whose only generated content is carried over.</summary>
    /// <param name="documents">The first render, as helm wrote it.</param>
    /// <param name="scan">The static scan of the chart's templates.</param>
    /// <param name="carryOver">Whether generated certificates and keys are carried over (and so are stable).</param>
    public static IReadOnlyList<ManifestDocument> Suspicious(IReadOnlyList<ManifestDocument> documents, ChartTemplateScan scan, bool carryOver) =>
        documents.Where(d => scan.GeneratorsOf(d.SourceTemplate).Count > 0 && !(carryOver && FullyCovered(d, scan))).ToArray();

    /// <summary>Compares the suspicious documents of two renders of the same input.</summary>
    /// <param name="first">The first render, as helm wrote it (before patches and carry-over).</param>
    /// <param name="second">The second render.</param>
    /// <param name="scan">The static scan of the chart's templates.</param>
    /// <param name="carryOver">Whether generated PEM material is carried over; it is then left out of the comparison.</param>
    /// <param name="severity">Warning, or error in check mode.</param>
    /// <returns>One diagnostic per resource that differs, naming the fields.</returns>
    public static IReadOnlyList<Diagnostic> Compare(
        IReadOnlyList<ManifestDocument> first, IReadOnlyList<ManifestDocument> second, ChartTemplateScan scan, bool carryOver, DiagnosticSeverity severity)
    {
        var secondByKey = Keyed(second).ToDictionary(k => k.Key, k => k.Document, StringComparer.Ordinal);
        var suspicious = Suspicious(first, scan, carryOver).ToHashSet(ReferenceEqualityComparer.Instance);
        var diagnostics = new List<Diagnostic>();
        foreach (var (key, document) in Keyed(first))
        {
            if (!suspicious.Contains(document))
            {
                continue;
            }

            var generated = carryOver && GeneratedSecretCarryOver.IsGenerated(document, scan);
            var paths = secondByKey.TryGetValue(key, out var other)
                ? YamlEquivalence.Differences(Comparable(document.Root, generated), Comparable(other.Root, generated)).ToArray()
                : ["."];
            if (paths.Length == 0)
            {
                continue;
            }

            var shown = paths.Length <= MaxPathsShown ? string.Join(", ", paths) : string.Join(", ", paths.Take(MaxPathsShown)) + $" and {paths.Length - MaxPathsShown} more";
            var functions = string.Join(", ", scan.GeneratorsOf(document.SourceTemplate));
            diagnostics.Add(DiagnosticCatalog.NonIdempotentOutput.Create(ObjectIdentity.From(document).Describe(), document.SourceTemplate, functions, shown) with { Severity = severity });
        }

        return diagnostics;
    }

    /// <summary>Covered by the carry-over: every function involved makes keys or certificates, and they landed in PEM values.</summary>
    private static bool FullyCovered(ManifestDocument document, ChartTemplateScan scan) =>
        TemplateFunctions.OnlyCertificateGenerators(scan.GeneratorsOf(document.SourceTemplate)) && PemSlot.FindAll(document.Root).Count > 0;

    /// <summary>Documents keyed by template, kind and position among those: names may be random too, positions are not.</summary>
    private static IEnumerable<(string Key, ManifestDocument Document)> Keyed(IReadOnlyList<ManifestDocument> documents)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var prefix = $"{document.SourceTemplate}|{ObjectIdentity.From(document).Kind ?? "?"}";
            var index = seen.GetValueOrDefault(prefix);
            seen[prefix] = index + 1;
            yield return ($"{prefix}|{index}", document);
        }
    }

    private static YamlNode Comparable(YamlNode root, bool maskPem)
    {
        if (!maskPem)
        {
            return root;
        }

        var copy = YamlNodes.DeepClone(root);
        foreach (var slot in PemSlot.FindAll(copy))
        {
            slot.Node.Value = MaskedPem;
        }

        return copy;
    }
}
