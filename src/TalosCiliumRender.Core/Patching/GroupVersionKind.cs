using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Patching;

/// <summary>The type of a Kubernetes object: API group (empty for the core group), version and kind.</summary>
/// <param name="Group">API group; empty for the core group (<c>apiVersion: v1</c>).</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Kind">Object kind.</param>
internal readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>Splits an <c>apiVersion</c> as <see cref="ObjectIdentity.SplitApiVersion"/> does: <c>apps/v1</c> is group <c>apps</c>, version <c>v1</c>; <c>v1</c> is the core group.</summary>
    public static GroupVersionKind From(string? apiVersion, string? kind)
    {
        var (group, version) = ObjectIdentity.SplitApiVersion(apiVersion);
        return new GroupVersionKind(group, version, kind ?? string.Empty);
    }

    /// <summary>The type named by an object's own <c>apiVersion</c> and <c>kind</c>.</summary>
    public static GroupVersionKind From(YamlMappingNode resource) => From(ObjectIdentity.From(resource));

    /// <summary>The type part of an object's identity.</summary>
    public static GroupVersionKind From(ObjectIdentity identity) => From(identity.ApiVersion, identity.Kind);

    /// <summary>The <c>apiVersion</c> form: <c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => $"{ApiVersion} {Kind}";
}
