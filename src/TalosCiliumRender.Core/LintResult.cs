namespace TalosCiliumRender.Core;

/// <summary>The outcome of linting a manifest: the findings, which are themselves the payload.</summary>
/// <param name="Diagnostics">
/// One diagnostic per rule that found something (warnings, or errors when the options ask for them), or a TCR3xxx or
/// TCR0004 error when the manifest or the options cannot be read.
/// </param>
public sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics) : IOperationResult
{
    /// <summary>True when no finding is an error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
