using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.GitOps;

/// <summary>
/// A Flux <c>HelmRelease</c> (helm.toolkit.fluxcd.io/v2) and its source: a <c>HelmRepository</c> referenced through
/// <c>spec.chart.spec.sourceRef</c> for a chart repository, or an <c>OCIRepository</c> referenced through
/// <c>spec.chartRef</c> for an OCI chart (the form helm-controller documents for OCI charts). Both objects live in
/// <see cref="Namespace"/>; the release goes to the render's namespace (<c>targetNamespace</c>, and
/// <c>storageNamespace</c> so helm's release records sit where <c>helm install -n</c> would put them).
/// </summary>
internal static class FluxHelmRelease
{
    /// <summary>Where Flux's own objects live: the namespace <c>flux bootstrap</c> creates.</summary>
    public const string Namespace = "flux-system";

    /// <summary>How often the release is reconciled (and drift corrected).</summary>
    public const string ReleaseInterval = "10m";

    /// <summary>How often the source is checked; the version is pinned, so this only notices a re-published chart.</summary>
    public const string SourceInterval = "1h";

    /// <summary>The layer of a Helm chart in an OCI artifact, which the OCIRepository must select for a HelmRelease.</summary>
    public const string HelmChartLayerMediaType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    /// <summary>The source and the HelmRelease, as one YAML stream headed by the provenance comment.</summary>
    /// <param name="release">The release.</param>
    /// <param name="kustomize">The post-renderer's <c>kustomize</c> block, or <see langword="null"/> without a kustomization.</param>
    public static string Write(GitOpsRelease release, YamlMappingNode? kustomize)
    {
        var chart = release.Chart;
        var name = release.ReleaseName;
        var source = chart.IsOci
            ? Object("source.toolkit.fluxcd.io/v1", "OCIRepository", name, new YamlMappingNode
            {
                { "interval", S(SourceInterval) },
                { "url", S(chart.Reference) },
                { "ref", new YamlMappingNode { { "tag", S(chart.Version) } } },
                { "layerSelector", new YamlMappingNode { { "mediaType", S(HelmChartLayerMediaType) }, { "operation", S("copy") } } },
            })
            : Object("source.toolkit.fluxcd.io/v1", "HelmRepository", name, new YamlMappingNode
            {
                { "interval", S(SourceInterval) },
                { "url", S(chart.Repository) },
            });

        var spec = new YamlMappingNode
        {
            { "interval", S(ReleaseInterval) },
            { "releaseName", S(release.ReleaseName) },
            { "targetNamespace", S(release.Namespace) },
            { "storageNamespace", S(release.Namespace) },
        };
        if (chart.IsOci)
        {
            spec.Add("chartRef", new YamlMappingNode { { "kind", S("OCIRepository") }, { "name", S(name) } });
        }
        else
        {
            spec.Add("chart", new YamlMappingNode
            {
                {
                    "spec", new YamlMappingNode
                    {
                        { "chart", S(chart.Name) },
                        { "version", S(chart.Version) },
                        { "sourceRef", new YamlMappingNode { { "kind", S("HelmRepository") }, { "name", S(name) } } },
                    }
                },
            });
        }

        spec.Add("values", release.Values);
        if (kustomize is { Children.Count: > 0 })
        {
            spec.Add("postRenderers", new YamlSequenceNode(new YamlMappingNode { { "kustomize", kustomize } }));
        }

        var helmRelease = Object("helm.toolkit.fluxcd.io/v2", "HelmRelease", name, spec);
        return YamlWriter.Write([new ManifestDocument(source, release.Provenance), ManifestDocument.FromNode(helmRelease)]);
    }

    private static YamlMappingNode Object(string apiVersion, string kind, string name, YamlMappingNode spec) => new()
    {
        { "apiVersion", S(apiVersion) },
        { "kind", S(kind) },
        { "metadata", new YamlMappingNode { { "name", S(name) }, { "namespace", S(Namespace) } } },
        { "spec", spec },
    };

    private static YamlScalarNode S(string value) => ScalarFactory.String(value);
}
