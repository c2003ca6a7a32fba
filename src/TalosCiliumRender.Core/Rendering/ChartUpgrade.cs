using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// A render seen as an upgrade of the committed output: the chart its provenance header names against the chart being
/// rendered. Two guards (a skipped Cilium minor, a downgrade) and the first Cilium minor that decides
/// <c>upgradeCompatibility</c>. Both run before helm, from the header alone, so nothing is written when a guard fails.
/// </summary>
/// <remarks>
/// A header of another chart, one whose chart version is no SemVer, or no header at all (a new output, or a file another
/// tool wrote) is no upgrade: the guards pass, and the output is treated as a fresh install.
/// </remarks>
internal static class ChartUpgrade
{
    /// <summary>The chart the minor-skip rule and <c>upgradeCompatibility</c> belong to.</summary>
    public const string CiliumChart = "cilium";

    /// <summary>The Cilium chart's value that keeps the defaults of an older minor on upgrade.</summary>
    public const string UpgradeCompatibilityKey = "upgradeCompatibility";

    /// <summary>
    /// The guards: TCR1102 when <paramref name="chartVersion"/> is older than the committed chart's (SemVer precedence),
    /// TCR1101 when it is a Cilium release line two or more minors later (or a later major). Empty when the render
    /// may go ahead, or when the request allows it.
    /// </summary>
    /// <param name="committed">The committed output's header, or <see langword="null"/>.</param>
    /// <param name="chartName">The chart rendered.</param>
    /// <param name="chartVersion">Its version.</param>
    /// <param name="outputPath">The output as the user named it, for messages.</param>
    /// <param name="allowMinorSkip"><see cref="RenderRequest.AllowMinorSkip"/>.</param>
    /// <param name="allowDowngrade"><see cref="RenderRequest.AllowDowngrade"/>.</param>
    public static IReadOnlyList<Diagnostic> Check(
        ProvenanceHeader? committed, string chartName, string chartVersion, string outputPath, bool allowMinorSkip, bool allowDowngrade)
    {
        if (committed is null || committed.ChartName != chartName
            || ChartVersion.TryParse(committed.ChartVersion) is not { } from || ChartVersion.TryParse(chartVersion) is not { } to)
        {
            return [];
        }

        var where = SourceLocation.InFile(outputPath);
        if (ChartVersion.Precedence.Compare(to, from) < 0)
        {
            // A rollback two minors back is a downgrade first: the one override that names it is enough.
            return allowDowngrade ? [] : [DiagnosticCatalog.ChartDowngrade.Create(where, outputPath, chartName, committed.ChartVersion, chartVersion)];
        }

        if (allowMinorSkip || chartName != CiliumChart || ChartVersion.LineOf(from) is not { } fromLine || ChartVersion.LineOf(to) is not { } toLine
            || (toLine.Major == fromLine.Major && toLine.Minor <= fromLine.Minor + 1))
        {
            return [];
        }

        var (skipped, path) = Describe(fromLine, toLine);
        return [DiagnosticCatalog.UpgradeSkipsMinor.Create(where, outputPath, committed.ChartVersion, chartVersion, skipped, path)];
    }

    /// <summary>
    /// The first Cilium minor of the output and the <c>upgradeCompatibility</c> this render sets from it.
    /// </summary>
    /// <param name="committed">The committed output's header, or <see langword="null"/>.</param>
    /// <param name="chartName">The chart rendered: nothing is recorded or set for a chart that is not Cilium.</param>
    /// <param name="chartVersion">Its version.</param>
    /// <param name="layers">The user's values layers (preset, features, values files, <c>--set</c>).</param>
    /// <param name="values">The merged values.</param>
    /// <param name="outputPath">The output as the user named it, for messages; <see langword="null"/> without one.</param>
    /// <remarks>
    /// The record is made once and then carried forward unchanged: a new output (or one without a usable header)
    /// records the <c>upgradeCompatibility</c> the user sets (a release line not later than the chart's), else the
    /// chart's own minor; a header from before the record records the minor its chart line names (warning TCR1103,
    /// unless the user sets the value, which is then recorded). A value the user sets in any layer, even
    /// <c>null</c>, is what helm gets; otherwise the recorded minor is set when it is older than the chart's. The same
    /// minor needs nothing: the chart's defaults are that minor's.
    /// </remarks>
    public static UpgradeCompatibility Plan(
        ProvenanceHeader? committed, string chartName, string chartVersion, IReadOnlyList<ValuesLayer> layers, YamlMappingNode values, string? outputPath)
    {
        if (chartName != CiliumChart || ChartVersion.LineOf(chartVersion) is not { } target)
        {
            return new UpgradeCompatibility(null, null, []);
        }

        var userSets = layers.Any(l => l.Values.Children.ContainsKey(new YamlScalarNode(UpgradeCompatibilityKey)));
        var userLine = userSets && values.GetString(UpgradeCompatibilityKey) is { } text && ReleaseLine.TryParse(text) is { } line && line <= target ? line : (ReleaseLine?)null;
        var diagnostics = new List<Diagnostic>();
        ReleaseLine recorded;
        if (committed is not null && committed.ChartName == chartName && ChartVersion.LineOf(committed.ChartVersion) is { } committedLine)
        {
            if (ReleaseLine.TryParse(committed.UpgradeCompatibility) is { } first)
            {
                recorded = first;
            }
            else if (userLine is { } stated)
            {
                recorded = stated;
            }
            else
            {
                recorded = committedLine;
                if (!userSets)
                {
                    var thisRender = committedLine < target ? $" (this render of {chartVersion} sets it)" : string.Empty;
                    diagnostics.Add(DiagnosticCatalog.UpgradeCompatibilityAssumed.Create(SourceLocation.InFile(outputPath), outputPath, committedLine, thisRender));
                }
            }
        }
        else
        {
            recorded = userLine ?? target;
        }

        return new UpgradeCompatibility(recorded, !userSets && recorded < target ? recorded : null, diagnostics);
    }

    /// <summary>Sets <paramref name="plan"/>'s value in <paramref name="values"/>, as a string (a plain 1.10 would reach the chart as the number 1.1).</summary>
    public static void Apply(UpgradeCompatibility plan, YamlMappingNode values)
    {
        if (plan.Injected is { } line)
        {
            values.Children[new YamlScalarNode(UpgradeCompatibilityKey)] = ScalarFactory.String(line.ToString());
        }
    }

    private static (string Skipped, string Path) Describe(ReleaseLine from, ReleaseLine to)
    {
        if (to.Major == from.Major)
        {
            var lines = Enumerable.Range(from.Minor, to.Minor - from.Minor + 1).Select(m => new ReleaseLine(from.Major, m).ToString()).ToArray();
            var skipped = lines[1..^1];
            var named = skipped.Length == 1 ? skipped[0] : string.Join(", ", skipped[..^1]) + " and " + skipped[^1];
            return ($"over Cilium {named}", string.Join(" → ", lines));
        }

        var next = new ReleaseLine(to.Major, 0);
        var tail = to.Minor == 0 ? string.Empty : to.Minor == 1 ? $" → {to}" : $" → … → {to}";
        return ("to a new major version", $"{from} → (each later {from.Major}.x minor) → {next}{tail}");
    }
}

/// <summary>The first Cilium minor of an output, and what a render sets <c>upgradeCompatibility</c> to.</summary>
/// <param name="Recorded">The minor the header records (<c># upgrade-compatibility:</c>); <see langword="null"/> for a chart that is not Cilium.</param>
/// <param name="Injected">The value this render sets, when the user sets none and the recorded minor is older than the chart's.</param>
/// <param name="Diagnostics">TCR1103 when the record was taken from a header that predates it.</param>
internal sealed record UpgradeCompatibility(ReleaseLine? Recorded, ReleaseLine? Injected, IReadOnlyList<Diagnostic> Diagnostics);
