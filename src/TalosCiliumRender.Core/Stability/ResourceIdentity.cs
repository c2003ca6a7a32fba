using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Stability;

/// <summary>Names a Kubernetes object of a manifest: for matching documents across renders, and for people.</summary>
internal static class ResourceIdentity
{
    /// <summary><c>Kind/namespace/name</c>; the API group is left out so an apiVersion bump still matches.</summary>
    public static string Key(ManifestDocument document)
    {
        var (kind, ns, name) = Parts(document);
        return $"{kind}/{ns}/{name}";
    }

    /// <summary><c>Secret kube-system/cilium-ca</c>, as people read it.</summary>
    public static string Describe(ManifestDocument document)
    {
        var (kind, ns, name) = Parts(document);
        return string.IsNullOrEmpty(ns) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    public static string Kind(ManifestDocument document) => Parts(document).Kind;

    private static (string Kind, string Namespace, string Name) Parts(ManifestDocument document)
    {
        var map = document.Root as YamlMappingNode;
        var metadata = map?.Get("metadata") as YamlMappingNode;
        return (map?.GetString("kind") ?? "?", metadata?.GetString("namespace") ?? string.Empty, metadata?.GetString("name") ?? "?");
    }
}
