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

    /// <summary>The Talos version (<c>X.Y</c>) of the cluster, for rules whose facts depend on it (TCR6011); none when null.</summary>
    public string? TalosVersion { get; init; }

    /// <summary>
    /// Whether Talos forwards kube-dns to its host DNS (<c>forwardKubeDNSToHost</c>); null derives it from
    /// <see cref="TalosVersion"/> (on from 1.8), and without a version rule TCR6011 stays silent.
    /// </summary>
    public bool? TalosDnsForwarding { get; init; }

    /// <summary>The file the manifest is (or will be) in; diagnostics point at its lines.</summary>
    public string? File { get; init; }
}
