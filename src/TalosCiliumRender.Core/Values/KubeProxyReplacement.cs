using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>Whether Cilium replaces kube-proxy, read the way the chart reads it.</summary>
internal static class KubeProxyReplacement
{
    /// <summary>From helm values: <c>kubeProxyReplacement</c> true, "true" or the pre-1.16 "strict"; the chart's default is off.</summary>
    public static bool FromValues(YamlMappingNode? values) =>
        values?.Get("kubeProxyReplacement") is YamlScalarNode scalar && IsOn(scalar.Value);

    /// <summary>From the <c>kube-proxy-replacement</c> entry of the rendered cilium-config; missing means off.</summary>
    public static bool IsOn(string? setting) =>
        setting?.Trim().ToLowerInvariant() is "true" or "strict";
}
