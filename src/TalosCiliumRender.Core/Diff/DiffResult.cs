using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Diff;

/// <summary>The resources that differ between two manifests, or the diagnostics that explain why they could not be compared.</summary>
/// <param name="Differences">Added, removed and changed resources, with field paths; never values.</param>
/// <param name="Diagnostics">Errors reading either side; empty when the comparison ran.</param>
public sealed record DiffResult(IReadOnlyList<ResourceDifference> Differences, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when both sides were read.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>True when both sides were read and hold the same resources with the same content.</summary>
    public bool Identical => Succeeded && Differences.Count == 0;
}
