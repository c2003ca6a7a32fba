using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>What the rules look at: the final documents, and what is known about how they were made.</summary>
internal sealed class LintContext
{
    public LintContext(
        IReadOnlyList<ManifestDocument> documents,
        YamlMappingNode? values = null,
        KubePrismEndpoint? kubePrism = null,
        bool? talosPatchDisablesKubeProxy = null,
        bool freshHelmRender = false,
        bool carryOverGeneratedSecrets = false,
        bool talosInlineManifest = false,
        bool? talosDnsForwarding = null,
        GatewayApiCrdFacts? gatewayApi = null)
    {
        Documents = documents;
        Values = values;
        KubePrism = kubePrism ?? new KubePrismEndpoint();
        TalosPatchDisablesKubeProxy = talosPatchDisablesKubeProxy;
        FreshHelmRender = freshHelmRender;
        CarryOverGeneratedSecrets = carryOverGeneratedSecrets;
        TalosInlineManifest = talosInlineManifest;
        TalosDnsForwarding = talosDnsForwarding;
        GatewayApi = gatewayApi;
        CiliumConfigIndex = IndexOf("ConfigMap", "cilium-config");
        CiliumConfig = CiliumConfigIndex < 0 ? null : Resource(CiliumConfigIndex)!.Get("data") as YamlMappingNode;
    }

    public IReadOnlyList<ManifestDocument> Documents { get; }

    /// <summary>The effective helm values; null when the documents were not rendered here (kustomize --lint).</summary>
    public YamlMappingNode? Values { get; }

    /// <summary>Where Talos serves KubePrism.</summary>
    public KubePrismEndpoint KubePrism { get; }

    /// <summary>
    /// Whether the Talos machine-config patch made with these documents switches kube-proxy off (true) or keeps it
    /// (false); null when no Talos patch is made. A decision, not a layout: whichever output carries the patch sets it.
    /// </summary>
    public bool? TalosPatchDisablesKubeProxy { get; }

    /// <summary>The documents are embedded in a Talos inline manifest, which Talos applies again on <c>talosctl upgrade-k8s</c>.</summary>
    public bool TalosInlineManifest { get; }

    /// <summary>Whether Talos forwards kube-dns to its host DNS (declared, or the Talos version's default); null when unknown.</summary>
    public bool? TalosDnsForwarding { get; }

    /// <summary>The Gateway API CRDs for the chart's Cilium minor; null when the documents were not rendered here.</summary>
    public GatewayApiCrdFacts? GatewayApi { get; }

    /// <summary>The documents come from a helm run now, so helm-generated material is new on every render.</summary>
    public bool FreshHelmRender { get; }

    /// <summary>Generated Secrets are carried over from the previous output instead of regenerated.</summary>
    public bool CarryOverGeneratedSecrets { get; }

    /// <summary>Index of the cilium-config ConfigMap, or -1.</summary>
    public int CiliumConfigIndex { get; }

    /// <summary>The data of the cilium-config ConfigMap, when rendered.</summary>
    public YamlMappingNode? CiliumConfig { get; }

    /// <summary>Host names that reach KubePrism on a Talos node.</summary>
    public bool IsKubePrismHost(string host) =>
        host.Equals(KubePrism.Host, StringComparison.OrdinalIgnoreCase) || host is "localhost" or "127.0.0.1";

    public YamlMappingNode? Resource(int index) => Documents[index].Mapping;

    public IEnumerable<(int Index, YamlMappingNode Resource)> OfKind(string kind)
    {
        for (var i = 0; i < Documents.Count; i++)
        {
            if (Documents[i].Mapping is { } map && map.GetString("kind") == kind)
            {
                yield return (i, map);
            }
        }
    }

    /// <summary>Every resource with a pod template (or a Pod), with its pod spec.</summary>
    public IEnumerable<(int Index, YamlMappingNode Resource, YamlMappingNode PodSpec)> Workloads()
    {
        for (var i = 0; i < Documents.Count; i++)
        {
            if (Documents[i].Mapping is { } map && PodSpecOf(map) is { } spec)
            {
                yield return (i, map, spec);
            }
        }
    }

    /// <summary>Looks a key of a rendered ConfigMap up, for <c>configMapKeyRef</c> env values.</summary>
    public string? ConfigMapValue(string? @namespace, string name, string key) =>
        OfKind("ConfigMap")
            .Where(c => Name(c.Resource) == name && (@namespace is null || Namespace(c.Resource) is null || Namespace(c.Resource) == @namespace))
            .Select(c => (c.Resource.Get("data") as YamlMappingNode)?.GetString(key))
            .FirstOrDefault(v => v is not null);

    public static string? Name(YamlMappingNode resource) => ObjectIdentity.From(resource).Name;

    public static string? Namespace(YamlMappingNode resource) => ObjectIdentity.From(resource).Namespace;

    /// <summary><c>Kind namespace/name</c>, as messages name resources.</summary>
    public static string Describe(YamlMappingNode resource)
    {
        var id = ObjectIdentity.From(resource);
        return $"{id.Kind ?? "document"} {(id.Namespace is null ? string.Empty : id.Namespace + "/")}{id.Name ?? "(unnamed)"}";
    }

    /// <summary>Every container and init container of a pod spec.</summary>
    public static IEnumerable<YamlMappingNode> Containers(YamlMappingNode podSpec) =>
        new[] { "initContainers", "containers" }
            .SelectMany(list => (podSpec.Get(list) as YamlSequenceNode)?.Children ?? [])
            .OfType<YamlMappingNode>();

    /// <summary>An env variable of a container: its literal value, or for a configMapKeyRef the rendered ConfigMap's value.</summary>
    /// <returns><c>Present</c> false when the container does not set it; <c>Value</c> null when it cannot be resolved offline.</returns>
    public (bool Present, string? Value) Env(YamlMappingNode resource, YamlMappingNode container, string name)
    {
        var entry = ((container.Get("env") as YamlSequenceNode)?.Children ?? [])
            .OfType<YamlMappingNode>()
            .LastOrDefault(e => e.GetString("name") == name);
        if (entry is null)
        {
            return (false, null);
        }

        if (entry.Get("value") is YamlScalarNode { Value: { } value })
        {
            return (true, value);
        }

        if (entry.GetPath("valueFrom", "configMapKeyRef") is YamlMappingNode reference
            && reference.GetString("name") is { } mapName && reference.GetString("key") is { } key)
        {
            return (true, ConfigMapValue(Namespace(resource), mapName, key));
        }

        return (true, null);
    }

    private int IndexOf(string kind, string name) =>
        OfKind(kind).Where(r => Name(r.Resource) == name).Select(r => r.Index).DefaultIfEmpty(-1).First();

    private static YamlMappingNode? PodSpecOf(YamlMappingNode resource) => resource.GetString("kind") switch
    {
        "Pod" => resource.Get("spec") as YamlMappingNode,
        "CronJob" => resource.GetPath("spec", "jobTemplate", "spec", "template", "spec") as YamlMappingNode,
        "DaemonSet" or "Deployment" or "StatefulSet" or "ReplicaSet" or "Job" or "ReplicationController" =>
            resource.GetPath("spec", "template", "spec") as YamlMappingNode,
        _ => null,
    };
}
