using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>What identifies a resource for kustomize: group, version, kind, namespace and name.</summary>
internal readonly record struct ResourceId(string Group, string Version, string Kind, string Namespace, string Name)
{
    /// <summary>The namespace kustomize compares cluster-scoped objects by; no real namespace can have it.</summary>
    public const string NotNamespaceable = "_non_namespaceable_";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public bool IsClusterScoped => ClusterScope.IsClusterScoped(ApiVersion, Kind);

    /// <summary>The namespace used for matching: an empty namespace means <c>default</c>, as in kustomize.</summary>
    public string EffectiveNamespace => IsClusterScoped ? NotNamespaceable : Namespace.Length == 0 ? "default" : Namespace;

    public static ResourceId Of(YamlMappingNode root)
    {
        var (group, version) = SplitApiVersion(NodeText.Get(root, "apiVersion") ?? string.Empty);
        var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) ? node as YamlMappingNode : null;
        return new ResourceId(
            group,
            version,
            NodeText.Get(root, "kind") ?? string.Empty,
            metadata is null ? string.Empty : NodeText.Get(metadata, "namespace") ?? string.Empty,
            metadata is null ? string.Empty : NodeText.Get(metadata, "name") ?? string.Empty);
    }

    /// <summary>Splits at the first slash, as kyaml does; <c>v1</c> has no group.</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>What makes an object unique in a build: two objects with the same key are one object to kustomize.</summary>
    public (string Group, string Version, string Kind, string Namespace, string Name) Key => (Group, Version, Kind, EffectiveNamespace, Name);

    /// <summary>Same object for kustomize: same group, version, kind and name, and the same effective namespace.</summary>
    public bool Matches(ResourceId other) =>
        Group == other.Group && Version == other.Version && Kind == other.Kind && Name == other.Name
        && EffectiveNamespace == other.EffectiveNamespace;

    /// <summary>kustomize's notation, <c>Deployment.v1.apps/web.[noNs]</c>, which users recognise from its errors.</summary>
    public override string ToString()
    {
        var version = Version.Length == 0 ? "[noVer]" : Version;
        var group = Group.Length == 0 ? "[noGrp]" : Group;
        var ns = Namespace.Length == 0 ? "[noNs]" : Namespace;
        return $"{Kind}.{version}.{group}/{Name}.{ns}";
    }
}
