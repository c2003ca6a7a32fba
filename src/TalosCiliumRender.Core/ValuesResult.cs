namespace TalosCiliumRender.Core;

/// <summary>The outcome of <c>ManifestRenderer.ComputeValuesAsync</c>: the values a render would give helm, or the diagnostics that explain why there are none.</summary>
public sealed record ValuesResult : IOperationResult
{
    /// <summary>True when no error diagnostic was reported and <see cref="EffectiveValues"/> is set.</summary>
    public bool Succeeded => EffectiveValues is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>Errors and warnings, in the order they arose.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The merged values a render would give helm, as YAML; null on failure.</summary>
    public string? EffectiveValues { get; init; }

    /// <summary>The chart the values were composed for, once it was resolved.</summary>
    public RenderedChart? Chart { get; init; }

    /// <summary>The helm version that would render, e.g. <c>v3.17.3+ge4da497</c>.</summary>
    public string? HelmVersion { get; init; }
}
