using TalosCiliumRender.Core.Patching;

namespace TalosCiliumRender.Core.Tests.Patching;

public sealed class MergeKeyRegistryTests
{
    private static readonly GroupVersionKind Deployment = new("apps", "v1", "Deployment");
    private static readonly GroupVersionKind DaemonSet = new("apps", "v1", "DaemonSet");

    private static MergeKeyRegistry Registry => MergeKeyRegistry.Kubernetes;

    [TestCase("spec.template.spec.containers", "name")]
    [TestCase("spec.template.spec.initContainers", "name")]
    [TestCase("spec.template.spec.containers.env", "name")]
    [TestCase("spec.template.spec.containers[].env", "name")]
    [TestCase("spec.template.spec.containers.ports", "containerPort")]
    [TestCase("spec.template.spec.containers.volumeMounts", "mountPath")]
    [TestCase("spec.template.spec.volumes", "name")]
    [TestCase("spec.template.spec.imagePullSecrets", "name")]
    [TestCase("spec.template.spec.hostAliases", "ip")]
    [TestCase("metadata.ownerReferences", "uid")]
    public void Deployment_lists_merged_by_key(string path, string mergeKey)
    {
        var field = Registry.Lookup(Deployment, path);

        Assert.That(field, Is.Not.Null, path);
        Assert.That(field!.IsMergedList, Is.True);
        Assert.That(field.MergeKey, Is.EqualTo(mergeKey));
    }

    [TestCase("spec.template.spec.initContainers", "name")]
    [TestCase("spec.template.spec.initContainers.env", "name")]
    [TestCase("spec.template.spec.initContainers.volumeMounts", "mountPath")]
    [TestCase("spec.template.spec.containers.volumeDevices", "devicePath")]
    public void DaemonSet_follows_the_same_pod_template(string path, string mergeKey)
    {
        Assert.That(Registry.Lookup(DaemonSet, path)?.MergeKey, Is.EqualTo(mergeKey));
    }

    [Test]
    public void Container_ports_also_have_list_map_keys()
    {
        var field = Registry.Lookup(Deployment, "spec.template.spec.containers.ports")!;

        Assert.That(field.ListMapKeys, Is.EqualTo(new[] { "containerPort", "protocol" }));
        Assert.That(field.ElementKeys, Is.EqualTo(new[] { "containerPort", "protocol" }));
        Assert.That(field.PrimaryKey, Is.EqualTo("containerPort"));
    }

    [Test]
    public void Service_ports_merge_by_port()
    {
        var field = Registry.Lookup(new GroupVersionKind(string.Empty, "v1", "Service"), "spec.ports")!;

        Assert.That(field.MergeKey, Is.EqualTo("port"));
        Assert.That(field.ElementKeys, Is.EqualTo(new[] { "port", "protocol" }));
    }

    [TestCase("spec.template.spec.tolerations")]
    [TestCase("spec.template.spec.containers.args")]
    [TestCase("spec.template.spec.containers.command")]
    [TestCase("spec.template.spec.containers.securityContext.capabilities.add")]
    [TestCase("spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution")]
    public void Lists_without_merge_strategy_are_replaced(string path)
    {
        var field = Registry.Lookup(DaemonSet, path);

        Assert.That(field?.IsMergedList ?? false, Is.False, path);
    }

    [Test]
    public void Tolerations_resolve_to_their_type_but_have_no_strategy()
    {
        var field = Registry.Lookup(DaemonSet, "spec.template.spec.tolerations")!;

        Assert.That(field.ValueType, Is.EqualTo("io.k8s.api.core.v1.Toleration"));
        Assert.That(field.Strategy, Is.EqualTo(PatchStrategy.None));
        Assert.That(field.MergeKey, Is.Null);
    }

    [Test]
    public void Finalizers_are_a_primitive_list_merged_by_value()
    {
        var field = Registry.Lookup(new GroupVersionKind(string.Empty, "v1", "ConfigMap"), "metadata.finalizers")!;

        Assert.That(field.IsMergedList, Is.True);
        Assert.That(field.MergeKey, Is.Null);
        Assert.That(field.ElementKeys, Is.Empty);
    }

    [Test]
    public void Volumes_merge_and_retain_keys()
    {
        var field = Registry.Lookup(DaemonSet, "spec.template.spec.volumes")!;

        Assert.That(field.Strategy, Is.EqualTo(PatchStrategy.Merge | PatchStrategy.RetainKeys));
    }

    [Test]
    public void Deployment_strategy_retains_keys()
    {
        Assert.That(Registry.Lookup(Deployment, "spec.strategy")!.Strategy, Is.EqualTo(PatchStrategy.RetainKeys));
    }

    [TestCase("rbac.authorization.k8s.io", "RoleBinding")]
    [TestCase("rbac.authorization.k8s.io", "ClusterRoleBinding")]
    public void Binding_subjects_have_no_merge_key_in_1_21(string group, string kind)
    {
        var field = Registry.Lookup(new GroupVersionKind(group, "v1", kind), "subjects")!;

        Assert.That(field.ValueType, Is.EqualTo("io.k8s.api.rbac.v1.Subject"));
        Assert.That(field.IsMergedList, Is.False);
    }

    [Test]
    public void ClusterRole_rules_have_no_merge_key()
    {
        Assert.That(Registry.Lookup(new GroupVersionKind("rbac.authorization.k8s.io", "v1", "ClusterRole"), "rules")!.IsMergedList, Is.False);
    }

    [Test]
    public void Map_values_resolve_through_additional_properties()
    {
        // CustomResourceDefinition schemas map property names to JSONSchemaProps.
        var crd = new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition");

        Assert.That(
            Registry.Lookup(crd, "spec.versions.schema.openAPIV3Schema.properties.spec")?.ValueType,
            Is.EqualTo("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"));
    }

    [TestCase("cilium.io", "v2", "CiliumNetworkPolicy", "spec.ingress")]
    [TestCase("apps", "v1", "Deployment", "spec.template.spec.containers.unknownField")]
    [TestCase("apps", "v2", "Deployment", "spec.template.spec.containers")]
    [TestCase("", "v1", "Deployment", "spec.template.spec.containers")]
    public void Unknown_kinds_and_fields_have_no_schema(string group, string version, string kind, string path)
    {
        Assert.That(Registry.Lookup(new GroupVersionKind(group, version, kind), path), Is.Null);
    }

    [Test]
    public void Custom_resources_have_no_type()
    {
        Assert.That(Registry.ForKind(new GroupVersionKind("cilium.io", "v2", "CiliumNetworkPolicy")), Is.Null);
    }

    [Test]
    public void Embedded_table_covers_the_core_workloads()
    {
        Assert.That(Registry.KindCount, Is.GreaterThan(200));
        foreach (var (group, kind) in new[] { ("apps", "Deployment"), ("apps", "DaemonSet"), ("apps", "StatefulSet"), ("batch", "Job"), ("policy", "PodDisruptionBudget") })
        {
            Assert.That(Registry.ForKind(new GroupVersionKind(group, "v1", kind)), Is.Not.Null, kind);
        }
    }

    [Test]
    public void Kubernetes_is_loaded_once()
    {
        var first = MergeKeyRegistry.Kubernetes;

        Assert.That(MergeKeyRegistry.Kubernetes, Is.SameAs(first));
    }

    [Test]
    public void Empty_registry_knows_nothing()
    {
        Assert.That(MergeKeyRegistry.Empty.Lookup(Deployment, "spec.template.spec.containers"), Is.Null);
    }

    [Test]
    public void Parse_reads_the_generated_format()
    {
        const string table = "# comment\n"
            + "kind\t-\tv1\tThing\tex.Thing\n"
            + "field\tex.Thing\titems\tex.Item\tmerge\tid\t-\n"
            + "field\tex.Item\ttags\t-\tmerge,retainKeys\t-\t-\n"
            + "field\tex.Item\tbyName\tmap:ex.Leaf\t-\t-\t-\n"
            + "field\tex.Leaf\tparts\tex.Part\tmerge\tkey\tkey,kind\n";
        var registry = MergeKeyRegistry.Parse(new StringReader(table));
        var thing = new GroupVersionKind(string.Empty, "v1", "Thing");

        Assert.That(registry.Lookup(thing, "items")!.MergeKey, Is.EqualTo("id"));
        Assert.That(registry.Lookup(thing, "items.tags")!.Strategy, Is.EqualTo(PatchStrategy.Merge | PatchStrategy.RetainKeys));
        Assert.That(registry.Lookup(thing, "items.byName.anything.parts")!.ListMapKeys, Is.EqualTo(new[] { "key", "kind" }));
    }

    [Test]
    public void Parse_rejects_unknown_rows()
    {
        Assert.Throws<FormatException>(() => MergeKeyRegistry.Parse(new StringReader("bogus\trow\n")));
        Assert.Throws<FormatException>(() => MergeKeyRegistry.Parse(new StringReader("field\ta\tb\t-\tsideways\t-\t-\n")));
    }
}
