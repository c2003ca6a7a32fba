namespace TalosCiliumRender.Core;

/// <summary>
/// What <c>UpgradeReporter.ReportAsync</c> compares: a committed output (what the cluster runs) and the render that
/// would replace it. Nothing is written.
/// </summary>
public sealed record UpgradeReportRequest
{
    /// <summary>
    /// The committed output, in any layout (<see cref="RenderRequest.Layout"/> of <see cref="Target"/>; a folder is read
    /// as <see cref="OutputLayout.Directory"/>): its provenance header names the committed chart, its documents are
    /// compared with the target render.
    /// </summary>
    public required string From { get; init; }

    /// <summary>
    /// The chart the committed output was rendered with (a <c>.tgz</c> or folder), when the chart cache does not hold it:
    /// the header's digest finds it there otherwise. Only its <c>values.yaml</c> is read.
    /// </summary>
    public string? FromChart { get; init; }

    /// <summary>
    /// The render the upgrade would commit: chart, version, preset, features, values, kustomization, layout, as for
    /// <c>render</c>. <see cref="RenderRequest.OutputPath"/> and <see cref="RenderRequest.Mode"/> are ignored (the
    /// target is rendered in memory against <see cref="From"/>); <see cref="RenderRequest.AllowMinorSkip"/> and
    /// <see cref="RenderRequest.AllowDowngrade"/> decide whether the version step is allowed.
    /// </summary>
    public RenderRequest Target { get; init; } = new();
}
