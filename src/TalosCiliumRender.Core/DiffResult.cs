namespace TalosCiliumRender.Core;

/// <summary>The resources that differ between two manifests, or the diagnostics that explain why they could not be compared.</summary>
/// <param name="Diagnostics">Errors reading either side; empty when the comparison ran.</param>
/// <param name="Differences">Added, removed and changed resources, with field paths; never values.</param>
public sealed record DiffResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ResourceDifference> Differences) : IOperationResult
{
    /// <summary>True when both sides were read.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>True when both sides were read and hold the same resources with the same content.</summary>
    public bool Identical => Succeeded && Differences.Count == 0;
}
