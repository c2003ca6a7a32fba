namespace TalosCiliumRender.Core;

/// <summary>The outcome of <c>UpgradeReporter.ReportAsync</c>: the report, or the diagnostics that explain why there is none.</summary>
public sealed record UpgradeReportResult : IOperationResult
{
    /// <summary>True when no error diagnostic was reported and <see cref="Report"/> is set. A report that blocks the upgrade still succeeded.</summary>
    public bool Succeeded => Report is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>Errors that stopped the report, and warnings about it (helm's, TCR1103, TCR1107, schema types).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The report; null on failure.</summary>
    public UpgradeReport? Report { get; init; }
}
