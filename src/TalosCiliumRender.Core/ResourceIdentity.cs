namespace TalosCiliumRender.Core;

/// <summary>What identifies a Kubernetes object in a manifest: apiVersion, kind, namespace and name.</summary>
/// <param name="ApiVersion">For example <c>apps/v1</c>; empty when the document has none.</param>
/// <param name="Kind">For example <c>DaemonSet</c>; empty when the document has none.</param>
/// <param name="Namespace"><c>metadata.namespace</c>; <see langword="null"/> for cluster-scoped objects.</param>
/// <param name="Name"><c>metadata.name</c>; for a document without one, its position such as <c>#3</c>.</param>
public sealed record ResourceIdentity(string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary><c>apps/v1 DaemonSet kube-system/cilium</c>, or without the namespace part for cluster-scoped objects.</summary>
    public override string ToString() =>
        $"{ApiVersion} {Kind} {(Namespace is null ? Name : Namespace + "/" + Name)}".Trim();
}
