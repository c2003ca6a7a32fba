using TalosCiliumRender.Core.Yaml;
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

    public static ResourceId Of(YamlMappingNode root) => Of(ObjectIdentity.From(root));

    /// <summary>kustomize's id of an object: missing parts are empty, and the namespace is as written (see <see cref="EffectiveNamespace"/>).</summary>
    public static ResourceId Of(ObjectIdentity identity)
    {
        var (group, version) = ObjectIdentity.SplitApiVersion(identity.ApiVersion);
        return new ResourceId(group, version, identity.Kind ?? string.Empty, identity.Namespace ?? string.Empty, identity.Name ?? string.Empty);
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
