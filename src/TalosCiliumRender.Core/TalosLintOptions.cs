namespace TalosCiliumRender.Core;

/// <summary>How <c>TalosLinter.Lint</c> judges a manifest.</summary>
public sealed record TalosLintOptions
{
    /// <summary>Codes not to report (lint rules TCR6001-TCR6049, and the warning TCR5010).</summary>
    public IReadOnlyList<string> SuppressedLints { get; init; } = [];

    /// <summary>Report findings as errors instead of warnings.</summary>
    public bool AsErrors { get; init; }

    /// <summary>Where Talos serves KubePrism; localhost:7445 when null.</summary>
    public KubePrismEndpoint? KubePrism { get; init; }

    /// <summary>The file the manifest is (or will be) in; diagnostics point at its lines.</summary>
    public string? File { get; init; }
}
