using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.GitOps;

/// <summary>What a GitOps controller needs to install the release the render describes.</summary>
/// <param name="Chart">Where the controller fetches the chart.</param>
/// <param name="ReleaseName">The helm release name.</param>
/// <param name="Namespace">The release namespace.</param>
/// <param name="Values">The effective values, exactly those the render gave helm.</param>
/// <param name="ValuesYaml">The same values as the YAML file helm read (what <c>talos-cilium values</c> prints).</param>
/// <param name="KubeVersion">The Kubernetes version the render assumed.</param>
/// <param name="ApiVersions">The API versions the render declared to helm (the request's and the features').</param>
/// <param name="Provenance">Comment lines (without <c>#</c>) that head the file.</param>
internal sealed record GitOpsRelease(
    GitOpsChart Chart, string ReleaseName, string Namespace, YamlMappingNode Values, string ValuesYaml,
    string KubeVersion, IReadOnlyList<string> ApiVersions, IReadOnlyList<string> Provenance);
