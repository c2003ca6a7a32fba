namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// What the Talos machine config must say besides the CNI, kube-proxy and the inline manifest, decided by the render
/// (presets, features, chart minor) and written by the Talos patch.
/// </summary>
/// <param name="KubePrismPort">
/// The KubePrism port Cilium reaches the API server on, when the preset uses KubePrism; the patch then enables
/// KubePrism on that port. Null: the patch says nothing about KubePrism.
/// </param>
/// <param name="ExternalManifests">Manifests Talos downloads and applies (the Gateway API CRDs), by name and URL.</param>
internal sealed record TalosMachineSettings(int? KubePrismPort, IReadOnlyList<TalosExternalManifest> ExternalManifests)
{
    /// <summary>Nothing beyond the CNI, kube-proxy and the inline manifest.</summary>
    public static TalosMachineSettings None { get; } = new(null, []);
}

/// <summary>A manifest Talos downloads from <paramref name="Url"/> (http or https).</summary>
/// <param name="Name">The manifest's name in a <c>KubeExternalManifestConfig</c> (Talos 1.14 and later).</param>
/// <param name="Url">Where Talos downloads it.</param>
internal sealed record TalosExternalManifest(string Name, string Url);
