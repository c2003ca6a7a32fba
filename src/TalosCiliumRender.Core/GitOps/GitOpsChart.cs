namespace TalosCiliumRender.Core.GitOps;

/// <summary>A chart as a GitOps controller fetches it: from a chart repository, or from an OCI registry.</summary>
/// <param name="Repository">
/// The chart repository URL (<c>https://helm.cilium.io</c>), or for an OCI chart the registry path that holds it
/// (<c>oci://quay.io/cilium/charts</c>), without a trailing slash.
/// </param>
/// <param name="Name">The chart name.</param>
/// <param name="Version">The exact chart version the render used.</param>
/// <param name="IsOci">True for a chart in an OCI registry.</param>
internal sealed record GitOpsChart(string Repository, string Name, string Version, bool IsOci)
{
    /// <summary>The full OCI reference without a tag (<c>oci://quay.io/cilium/charts/cilium</c>); the repository URL otherwise.</summary>
    public string Reference => IsOci ? $"{Repository}/{Name}" : Repository;
}
