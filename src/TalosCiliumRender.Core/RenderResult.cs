namespace TalosCiliumRender.Core;

/// <summary>The outcome of a render: the manifest, or the diagnostics that explain why there is none.</summary>
public sealed record RenderResult : IOperationResult
{
    /// <summary>True when no error diagnostic was reported and <see cref="Manifest"/> is set.</summary>
    public bool Succeeded => Manifest is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>Errors and warnings, in the order they arose.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The rendered YAML stream (<c>\n</c> line endings); null on failure.</summary>
    public string? Manifest { get; init; }

    /// <summary>The chart that was rendered, once it was resolved.</summary>
    public RenderedChart? Chart { get; init; }

    /// <summary>The merged values given to helm, as YAML.</summary>
    public string? EffectiveValues { get; init; }

    /// <summary>The helm version that rendered, e.g. <c>v3.17.3+ge4da497</c>.</summary>
    public string? HelmVersion { get; init; }

    /// <summary>Number of Kubernetes objects in <see cref="Manifest"/>.</summary>
    public int ResourceCount { get; init; }

    /// <summary>What happened to <see cref="RenderRequest.OutputPath"/>.</summary>
    public OutputStatus Output { get; init; }

    /// <summary>
    /// The resources in which the existing file at <see cref="RenderRequest.OutputPath"/> differed from the render
    /// (what check mode reports, and what a write replaced); empty when it matched, did not exist, or no path was given.
    /// </summary>
    public IReadOnlyList<ResourceDifference> Differences { get; init; } = [];

    /// <summary>The Talos machine-config patch, for <see cref="OutputLayout.Talos"/>; otherwise null.</summary>
    public string? TalosPatch { get; init; }

    /// <summary>The Flux HelmRelease and its source, when <see cref="RenderRequest.FluxHelmReleasePath"/> was set; otherwise null.</summary>
    public string? FluxHelmRelease { get; init; }

    /// <summary>The Argo CD Application, when <see cref="RenderRequest.ArgoCdApplicationPath"/> was set; otherwise null.</summary>
    public string? ArgoCdApplication { get; init; }

    /// <summary>
    /// Full paths of the files the output consists of (the file, or every file of the folder including
    /// kustomization.yaml), whether written or already up to date; empty without <see cref="RenderRequest.OutputPath"/>.
    /// </summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];
}
