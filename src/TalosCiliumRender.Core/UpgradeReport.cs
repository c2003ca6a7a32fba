namespace TalosCiliumRender.Core;

/// <summary>What an upgrade from a committed output to a target render changes, and whether anything blocks it.</summary>
/// <param name="From">The committed chart (from the output's provenance header; <see cref="RenderedChart.Source"/> says where its files were found).</param>
/// <param name="To">The target chart.</param>
/// <param name="Step">The version step and whether the upgrade guards allow it.</param>
/// <param name="RemovedValues">Values the user sets (values files, <c>--set</c>, features; not the preset) that the target chart never reads.</param>
/// <param name="Defaults">Chart defaults that differ between the two charts, for keys no values layer sets.</param>
/// <param name="UpgradeCompatibility">The <c>upgradeCompatibility</c> the target render uses.</param>
/// <param name="ResourceChanges">Per resource, what the target render changes in the committed output (the <c>diff</c> summary: field paths, never values).</param>
/// <param name="ApiVersions">API versions in the target render's final documents that the target Cilium release no longer serves, or deprecates.</param>
public sealed record UpgradeReport(
    RenderedChart From,
    RenderedChart To,
    UpgradeStep Step,
    IReadOnlyList<RemovedValue> RemovedValues,
    DefaultChanges Defaults,
    UpgradeCompatibilityUse UpgradeCompatibility,
    IReadOnlyList<ResourceDifference> ResourceChanges,
    IReadOnlyList<ApiVersionFinding> ApiVersions)
{
    /// <summary>True when something blocks the upgrade: a guard, a removed value in use, or a removed API version in use.</summary>
    public bool Blocked => !Step.Allowed || RemovedValues.Count > 0 || ApiVersions.Any(a => a.Removed);
}

/// <summary>The version step of an upgrade.</summary>
/// <param name="Kind"><c>same</c>, <c>patch</c>, <c>minor</c>, <c>minor-skip</c>, <c>major</c>, <c>downgrade</c>, or <c>other-chart</c>/<c>unversioned</c> when the guards do not apply.</param>
/// <param name="Allowed">False when a guard (TCR1101, TCR1102) refuses it and the request does not allow it.</param>
/// <param name="Guards">The guards' errors (what <c>render</c> would report); empty when allowed.</param>
public sealed record UpgradeStep(string Kind, bool Allowed, IReadOnlyList<Diagnostic> Guards);

/// <summary>A value the user sets that the target chart never reads.</summary>
/// <param name="Key">The dotted key (the first key of its path the chart does not read).</param>
/// <param name="Origin">Where it is set: <c>values file 'values/prod.yaml'</c>, <c>--set 'a.b=1'</c>, <c>feature 'bgp'</c>.</param>
/// <param name="Suggestion">The key probably meant now (a rename, a move), or <see langword="null"/>.</param>
/// <param name="ReadByCommittedChart">True when the committed chart reads it: removed by the upgrade rather than a mistake already there.</param>
/// <param name="Diagnostic">The TCR0101 error <c>render</c> would report for it, with the file, line and column.</param>
public sealed record RemovedValue(string Key, string Origin, string? Suggestion, bool ReadByCommittedChart, Diagnostic Diagnostic);

/// <summary>How the chart defaults (<c>values.yaml</c>) differ between the committed and the target chart, for keys no values layer sets.</summary>
/// <param name="Changed">Leaf keys whose default changed (image leaves excluded: see <see cref="Images"/>).</param>
/// <param name="Added">Leaf keys only the target chart has.</param>
/// <param name="Removed">Leaf keys only the committed chart has.</param>
/// <param name="Images">The image leaves (<c>*.image.tag</c>, <c>digest</c>, <c>repository</c>, …) that changed.</param>
/// <param name="ImagesSummary">One line about <paramref name="Images"/>, e.g. <c>14 tags v1.18.1 → v1.19.6; 14 digests</c>; empty when none changed.</param>
public sealed record DefaultChanges(
    IReadOnlyList<DefaultChange> Changed, IReadOnlyList<DefaultChange> Added, IReadOnlyList<DefaultChange> Removed,
    IReadOnlyList<DefaultChange> Images, string ImagesSummary);

/// <summary>One chart default, before and after.</summary>
/// <param name="Key">The dotted key.</param>
/// <param name="Old">The committed chart's default in compact YAML flow form, or <see langword="null"/> when it has none.</param>
/// <param name="New">The target chart's default, or <see langword="null"/> when it has none.</param>
public sealed record DefaultChange(string Key, string? Old, string? New);

/// <summary>The <c>upgradeCompatibility</c> the target render uses, and why.</summary>
/// <param name="Value">The value helm gets, or <see langword="null"/> when none is set (the chart's own defaults).</param>
/// <param name="Recorded">The first Cilium minor the output records (<c># upgrade-compatibility:</c>), kept by the render.</param>
/// <param name="Source"><c>recorded</c> (set from the record), <c>values</c> (a values layer sets it) or <c>none</c>.</param>
public sealed record UpgradeCompatibilityUse(string? Value, string? Recorded, string Source);

/// <summary>A resource whose API version the target Cilium release no longer serves, or deprecates.</summary>
/// <param name="Resource">The resource in the target render's final documents.</param>
/// <param name="Removed">True when the target release no longer serves it (blocks); false when it is deprecated.</param>
/// <param name="Since">The Cilium minor that removed or deprecated it.</param>
/// <param name="Replacement">What to use instead.</param>
/// <param name="Citation">Where Cilium says so: document, section and its words.</param>
public sealed record ApiVersionFinding(ResourceIdentity Resource, bool Removed, string Since, string Replacement, string Citation);
