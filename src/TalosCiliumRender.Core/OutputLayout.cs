namespace TalosCiliumRender.Core;

/// <summary>How a render is laid out at <see cref="RenderRequest.OutputPath"/>.</summary>
public enum OutputLayout
{
    /// <summary>One YAML stream with every resource (the default).</summary>
    File,

    /// <summary>
    /// A folder with one file per resource and a <c>kustomization.yaml</c> listing them, as Argo CD and Flux
    /// repositories often prefer. The folder belongs to talos-cilium: it is replaced as a whole.
    /// </summary>
    Directory,

    /// <summary>
    /// A Talos machine-config patch for <see cref="RenderRequest.TalosVersion"/> that disables the built-in
    /// CNI (and kube-proxy, when kube-proxy replacement is on) and embeds the manifests as an inline manifest.
    /// </summary>
    Talos,
}
