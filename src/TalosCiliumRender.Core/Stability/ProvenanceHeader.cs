using System.Reflection;
using System.Text;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// The comment block at the top of a rendered manifest: which tool made it from which chart and which values.
/// It holds only inputs — no time, no machine path, no helm version (helm 3 and 4 give the same bytes) — so it
/// changes exactly when the inputs change, and YAML readers (kubectl, Argo CD, Flux, kustomize) skip it.
/// </summary>
/// <param name="ToolVersion">The TalosCiliumRender version, without build metadata.</param>
/// <param name="ChartName">Chart name.</param>
/// <param name="ChartVersion">Chart version.</param>
/// <param name="ChartDigest"><c>sha256:…</c> of the chart archive, or of a chart folder's content.</param>
/// <param name="ValuesDigest"><c>sha256:…</c> of the effective values in canonical form (<see cref="CanonicalValues"/>).</param>
/// <param name="Release">Release name.</param>
/// <param name="Namespace">Release namespace.</param>
/// <param name="KubeVersion">Kubernetes version rendered for.</param>
/// <param name="ApiVersions">Extra API versions given to helm.</param>
internal sealed record ProvenanceHeader(
    string ToolVersion, string ChartName, string ChartVersion, string ChartDigest, string ValuesDigest,
    string Release, string Namespace, string KubeVersion, IReadOnlyList<string> ApiVersions)
{
    /// <summary>The version of this library, as the header names it: the informational version without <c>+metadata</c>.</summary>
    public static string CurrentToolVersion { get; } =
        (typeof(ProvenanceHeader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The header: YAML comment lines, each ending in <c>\n</c>.</summary>
    public string Text()
    {
        var apiVersions = ApiVersions.Count == 0 ? string.Empty : ", api-versions " + string.Join(" ", ApiVersions.Order(StringComparer.Ordinal));
        return new StringBuilder()
            .Append("# Rendered by talos-cilium ").Append(ToolVersion).Append(" (TalosCiliumRender). Do not edit: change the inputs and render again.\n")
            .Append("# chart: ").Append(ChartName).Append(' ').Append(ChartVersion).Append(' ').Append(ChartDigest).Append('\n')
            .Append("# values: ").Append(ValuesDigest).Append(" (effective values, canonical form)\n")
            .Append("# release: ").Append(Release).Append(", namespace ").Append(Namespace).Append(", kube-version ").Append(KubeVersion).Append(apiVersions).Append('\n')
            .ToString();
    }
}
