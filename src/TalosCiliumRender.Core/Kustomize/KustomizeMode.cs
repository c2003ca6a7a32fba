namespace TalosCiliumRender.Core.Kustomize;

/// <summary>Which contract a build follows.</summary>
internal enum KustomizeMode
{
    /// <summary>Exactly like <c>kubectl kustomize</c>: a target that matches nothing is skipped.</summary>
    Kustomize,

    /// <summary>Patching a helm render: a target that matches nothing is TCR2050 unless allowed.</summary>
    RenderPatch,
}
