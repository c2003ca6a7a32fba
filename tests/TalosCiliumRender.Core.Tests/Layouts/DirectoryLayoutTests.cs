using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Layouts;

public sealed class DirectoryLayoutTests
{
    private static IReadOnlyList<ManifestDocument> Documents(string yaml) => YamlReader.ReadDocuments(yaml, "test");

    [Test]
    public void Names_are_kind_and_name_in_lower_case()
    {
        var names = DirectoryLayout.FileNames(Documents("""
            kind: DaemonSet
            metadata: {name: cilium, namespace: kube-system}
            ---
            kind: ClusterRole
            metadata: {name: "system:cilium/Operator"}
            ---
            kind: ConfigMap
            metadata: {name: .hidden}
            """));
        Assert.That(names, Is.EqualTo(new[] { "daemonset-cilium.yaml", "clusterrole-system-cilium-operator.yaml", "configmap-hidden.yaml" }));
    }

    [Test]
    public void Namespace_is_added_only_where_names_would_clash()
    {
        var names = DirectoryLayout.FileNames(Documents("""
            kind: Role
            metadata: {name: secrets, namespace: kube-system}
            ---
            kind: Role
            metadata: {name: secrets, namespace: cilium-secrets}
            ---
            kind: Role
            metadata: {name: other, namespace: kube-system}
            """));
        Assert.That(names, Is.EqualTo(new[] { "role-kube-system-secrets.yaml", "role-cilium-secrets-secrets.yaml", "role-other.yaml" }));
    }

    [Test]
    public void Remaining_clashes_get_a_counter_and_kustomization_yaml_stays_free()
    {
        var names = DirectoryLayout.FileNames(Documents("""
            apiVersion: a.example/v1
            kind: Thing
            metadata: {name: x}
            ---
            apiVersion: b.example/v1
            kind: Thing
            metadata: {name: x}
            ---
            kind: Kustomization
            metadata: {name: x}
            ---
            just: data
            """));
        Assert.That(names, Is.EqualTo(new[] { "thing-x.yaml", "thing-x-2.yaml", "kustomization-x.yaml", "document-unnamed.yaml" }));
    }

    [Test]
    public void Kustomization_lists_the_files_in_document_order_after_the_marker()
    {
        var files = DirectoryLayout.Files(Documents("""
            # Source: cilium/templates/a.yaml
            kind: ServiceAccount
            metadata: {name: b}
            ---
            kind: ServiceAccount
            metadata: {name: a}
            """), header: string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "serviceaccount-b.yaml", "serviceaccount-a.yaml", "kustomization.yaml" }));
            Assert.That(files[0].Content, Does.StartWith("# Source: cilium/templates/a.yaml\nkind: ServiceAccount\n"), "helm's source comment stays with its resource");
            Assert.That(files[^1].Content, Is.EqualTo(DirectoryLayout.Marker.FirstLine + "\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- serviceaccount-b.yaml\n- serviceaccount-a.yaml\n"));
        });
    }
}
