using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.GitOps;

/// <summary>
/// An Argo CD <c>Application</c> (argoproj.io/v1alpha1) with a Helm source. Argo CD runs <c>helm template</c> itself,
/// so the source carries what the render gave helm: the chart and version, the release name, the Kubernetes and API
/// versions (<c>helm.kubeVersion</c>, <c>helm.apiVersions</c>), and the effective values as <c>helm.values</c>, the text
/// of the one values file helm read, byte for byte (no JSON round trip through the API server, so nulls, quoting and
/// number forms stay exactly as the render had them).
/// </summary>
internal static class ArgoCdApplication
{
    /// <summary>Where Argo CD's own objects live: the namespace its install manifests use.</summary>
    public const string Namespace = "argocd";

    /// <summary>The cluster Argo CD runs in, as its default destination names it.</summary>
    public const string InClusterServer = "https://kubernetes.default.svc";

    /// <summary>The Application, as a YAML document headed by the provenance comment.</summary>
    public static string Write(GitOpsRelease release)
    {
        var chart = release.Chart;

        // An OCI chart uses Argo CD's native OCI source (3.1 and later): the full reference, and path "." for a chart.
        var source = chart.IsOci
            ? new YamlMappingNode { { "repoURL", S(chart.Reference) }, { "path", S(".") }, { "targetRevision", S(chart.Version) } }
            : new YamlMappingNode { { "repoURL", S(chart.Repository) }, { "chart", S(chart.Name) }, { "targetRevision", S(chart.Version) } };
        var helm = new YamlMappingNode
        {
            { "releaseName", S(release.ReleaseName) },
            { "kubeVersion", S(release.KubeVersion) },
        };
        if (release.ApiVersions.Count > 0)
        {
            helm.Add("apiVersions", new YamlSequenceNode(release.ApiVersions.Select(v => (YamlNode)S(v))));
        }

        helm.Add("values", S(release.ValuesYaml));
        source.Add("helm", helm);

        var application = new YamlMappingNode
        {
            { "apiVersion", S("argoproj.io/v1alpha1") },
            { "kind", S("Application") },
            { "metadata", new YamlMappingNode { { "name", S(release.ReleaseName) }, { "namespace", S(Namespace) } } },
            {
                "spec", new YamlMappingNode
                {
                    { "project", S("default") },
                    { "source", source },
                    { "destination", new YamlMappingNode { { "server", S(InClusterServer) }, { "namespace", S(release.Namespace) } } },
                }
            },
        };
        return YamlWriter.Write([new ManifestDocument(application, release.Provenance)]);
    }

    private static YamlScalarNode S(string value) => ScalarFactory.String(value);
}
