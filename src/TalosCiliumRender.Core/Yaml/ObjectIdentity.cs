using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// What names a Kubernetes object: apiVersion, kind, <c>metadata.namespace</c> and <c>metadata.name</c>, read in
/// one place so carry-over, kustomize, diff, the directory layout and lint key objects alike. A field that is
/// absent, null or not a scalar is <see langword="null"/>: each module decides what a missing part means to it.
/// </summary>
/// <param name="ApiVersion">For example <c>apps/v1</c>.</param>
/// <param name="Kind">For example <c>DaemonSet</c>.</param>
/// <param name="Namespace"><c>metadata.namespace</c>; absent for cluster-scoped objects and for the default namespace.</param>
/// <param name="Name"><c>metadata.name</c>.</param>
internal readonly record struct ObjectIdentity(string? ApiVersion, string? Kind, string? Namespace, string? Name)
{
    /// <summary>The API group; empty for the core group (<c>apiVersion: v1</c>).</summary>
    public string Group => SplitApiVersion(ApiVersion).Group;

    /// <summary>The version within the group.</summary>
    public string Version => SplitApiVersion(ApiVersion).Version;

    /// <summary>The identity of a document's root; all parts missing when it is not a mapping.</summary>
    public static ObjectIdentity From(YamlNode? root)
    {
        if (root is not YamlMappingNode map)
        {
            return default;
        }

        var metadata = map.Get("metadata") as YamlMappingNode;
        return new ObjectIdentity(map.GetString("apiVersion"), map.GetString("kind"), metadata?.GetString("namespace"), metadata?.GetString("name"));
    }

    /// <summary>The identity of a manifest document.</summary>
    public static ObjectIdentity From(ManifestDocument document) => From(document.Root);

    /// <summary><c>Secret kube-system/cilium-ca</c>, as people read it; <c>?</c> stands for a missing kind or name.</summary>
    public string Describe() =>
        string.IsNullOrEmpty(Namespace) ? $"{Kind ?? "?"} {Name ?? "?"}" : $"{Kind ?? "?"} {Namespace}/{Name ?? "?"}";

    /// <summary>
    /// Splits at the first slash, as kustomize's kyaml (<c>resid.ParseGroupVersion</c>) does: <c>apps/v1</c> is
    /// group <c>apps</c>, version <c>v1</c>; <c>v1</c> has no group; <c>a/b/c</c> is group <c>a</c>, version <c>b/c</c>.
    /// </summary>
    public static (string Group, string Version) SplitApiVersion(string? apiVersion)
    {
        var text = apiVersion ?? string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, text) : (text[..slash], text[(slash + 1)..]);
    }
}
