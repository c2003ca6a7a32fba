using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Keeps a pre-flight render (<see cref="RenderRequest.Preflight"/>) off the main render's output. The pre-flight
/// output is applied and then deleted (<c>kubectl delete -f</c>), so writing it over the committed Cilium manifest
/// would lose the manifest and, once deleted from the cluster, the CNI with it.
/// </summary>
internal static class PreflightOutputGuard
{
    /// <summary>
    /// The name of the Cilium agent DaemonSet the documents hold, or null when they hold none. The agent is known by
    /// the labels the 1.17-1.19 charts give it (<c>app.kubernetes.io/name: cilium-agent</c>, <c>k8s-app: cilium</c>),
    /// not by its name, which 1.19 lets users choose (<c>name</c>); the pre-flight DaemonSet carries neither label.
    /// </summary>
    public static string? AgentDaemonSet(IReadOnlyList<ManifestDocument>? documents) =>
        documents?
            .Select(d => d.Mapping)
            .OfType<YamlMappingNode>()
            .Where(m => m.GetString("kind") == "DaemonSet" && m.GetPath("metadata", "labels") is YamlMappingNode labels && IsAgent(labels))
            .Select(m => m.GetPath("metadata", "name") is YamlScalarNode { Value: { } name } ? name : "?")
            .FirstOrDefault();

    private static bool IsAgent(YamlMappingNode labels) =>
        labels.GetString("app.kubernetes.io/name") == "cilium-agent" || labels.GetString("k8s-app") == "cilium";
}
