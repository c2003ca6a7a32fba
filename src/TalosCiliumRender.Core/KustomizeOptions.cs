namespace TalosCiliumRender.Core;

/// <summary>Options for applying a kustomization to rendered manifests.</summary>
public sealed record KustomizeOptions
{
    /// <summary>The defaults: unmatched patch targets are errors.</summary>
    public static KustomizeOptions Default { get; } = new();

    /// <summary>
    /// When <see langword="false"/> (the default), a <c>patches</c> or <c>patchesJson6902</c> target that matches no
    /// object of the render is error TCR2050, so a patch cannot silently stop applying after a chart upgrade.
    /// Set it to skip such patches, as kustomize itself does. <c>Kustomizer.BuildAsync</c> always skips them.
    /// </summary>
    public bool AllowUnmatchedPatches { get; init; }

    /// <summary>
    /// When <see langword="true"/>, objects keep their input order (base first, then the kustomization's resources)
    /// instead of kustomize's legacy kind order.
    /// </summary>
    public bool KeepInputOrder { get; init; }
}
