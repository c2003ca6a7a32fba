using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>What the fixtures cannot show: styles, key order, node identity, positions in diagnostics.</summary>
public sealed class StrategicMergePatchTests
{
    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cilium-config
          namespace: kube-system
          labels:
            app.kubernetes.io/part-of: cilium
          annotations:
            a: "1"
        data:
          enable-ipv4: "true"
          write-cni-conf-when-ready: /host/etc/cni/net.d/05-cilium.conflist
          debug: 'false'
          tunnel-port: "8472"
          policy.json: |
            {
              "allow": true
            }
          kube-proxy-replacement: "true"
        """;

    [Test]
    public void Untouched_siblings_keep_key_order_and_scalar_styles()
    {
        var target = Read(ConfigMap);
        var patch = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
              namespace: kube-system
            data:
              tunnel-port: "8473"
              enable-bpf-masquerade: "true"
            """);

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes, "patch.yaml")!;

        Assert.That(result, Is.SameAs(target), "merged in place");
        Assert.That(YamlWriter.WriteNode(result), Is.EqualTo("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
              namespace: kube-system
              labels:
                app.kubernetes.io/part-of: cilium
              annotations:
                a: "1"
            data:
              enable-ipv4: "true"
              write-cni-conf-when-ready: /host/etc/cni/net.d/05-cilium.conflist
              debug: 'false'
              tunnel-port: "8473"
              policy.json: |
                {
                  "allow": true
                }
              kube-proxy-replacement: "true"
              enable-bpf-masquerade: "true"

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Patch_values_keep_their_styles()
    {
        var target = Read(ConfigMap);
        var patch = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
            data:
              debug: "true"
              policy.json: |
                {
                  "allow": false
                }
              mode: 'native'
            """);

        var data = (YamlMappingNode)StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!.Get("data")!;

        Assert.That(((YamlScalarNode)data.Get("debug")!).Style, Is.EqualTo(ScalarStyle.DoubleQuoted));
        Assert.That(((YamlScalarNode)data.Get("policy.json")!).Style, Is.EqualTo(ScalarStyle.Literal));
        Assert.That(((YamlScalarNode)data.Get("mode")!).Style, Is.EqualTo(ScalarStyle.SingleQuoted));
    }

    [Test]
    public void Inserted_values_are_copies()
    {
        var target = Read(ConfigMap);
        var patch = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
              labels:
                tier: network
            data:
              extra: value
            """);
        var before = YamlWriter.WriteNode(patch);

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;
        ((YamlScalarNode)((YamlMappingNode)result.Get("data")!).Get("extra")!).Value = "changed";

        Assert.That(YamlWriter.WriteNode(patch), Is.EqualTo(before));
        Assert.That(result.GetPath("metadata", "labels", "tier"), Is.Not.SameAs(patch.GetPath("metadata", "labels", "tier")));
    }

    [Test]
    public void Same_patch_applies_to_several_targets()
    {
        var patch = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
              finalizers:
              - $patch: replace
              - acme.io/one
            data:
              $patch: replace
              only: key
            """);
        var first = StrategicMergePatch.Apply(Read(ConfigMap), patch, MergeKeyRegistry.Kubernetes)!;
        var second = StrategicMergePatch.Apply(Read(ConfigMap), patch, MergeKeyRegistry.Kubernetes)!;

        Assert.That(YamlEquivalence.AreEquivalent(first, second), Is.True);
        Assert.That(YamlWriter.WriteNode(first.Get("data")!), Is.EqualTo("only: key\n"));
        Assert.That(first.GetPath("metadata", "finalizers"), Is.Not.SameAs(second.GetPath("metadata", "finalizers")));
    }

    [Test]
    public void Top_level_delete_returns_null()
    {
        var patch = Read("$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n");

        Assert.That(StrategicMergePatch.Apply(Read(ConfigMap), patch, MergeKeyRegistry.Kubernetes), Is.Null);
    }

    [Test]
    public void Top_level_replace_returns_the_patch_content()
    {
        var target = Read(ConfigMap);
        var patch = Read("$patch: replace\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\ndata:\n  a: b\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes);

        Assert.That(YamlWriter.WriteNode(result!), Is.EqualTo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\ndata:\n  a: b\n"));
    }

    [Test]
    public void Merged_list_elements_keep_their_identity_and_key_order()
    {
        var target = Read("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cilium
            spec:
              template:
                spec:
                  containers:
                  - name: cilium-agent
                    image: quay.io/cilium/cilium:v1.15.6
                    imagePullPolicy: IfNotPresent
            """);
        var agent = target.GetPath("spec", "template", "spec", "containers") is YamlSequenceNode list ? list.Children[0] : null;
        var patch = Read("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cilium
            spec:
              template:
                spec:
                  containers:
                  - name: cilium-agent
                    image: quay.io/cilium/cilium:v1.16.1
            """);

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;
        var merged = ((YamlSequenceNode)result.GetPath("spec", "template", "spec", "containers")!).Children[0];

        Assert.That(merged, Is.SameAs(agent));
        Assert.That(YamlWriter.WriteNode(merged), Is.EqualTo("name: cilium-agent\nimage: quay.io/cilium/cilium:v1.16.1\nimagePullPolicy: IfNotPresent\n"));
    }

    [Test]
    public void Without_schema_lists_are_replaced_and_maps_merged()
    {
        var target = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    a: b\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: x\n");
        var patch = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    c: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: y\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Empty)!;

        Assert.That(YamlWriter.WriteNode(result), Is.EqualTo("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    a: b\n    c: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: y\n"));
    }

    [Test]
    public void The_patch_kind_selects_the_schema_when_the_target_kind_is_unknown()
    {
        var target = Read("apiVersion: acme.io/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: x\n");
        var patch = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: y\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        var names = ((YamlSequenceNode)result.GetPath("spec", "template", "spec", "containers")!).Children
            .Select(c => ((YamlMappingNode)c).GetString("name"));
        Assert.That(names, Is.EqualTo(new[] { "sidecar", "app" }));
    }

    [Test]
    public void Diagnostics_point_at_the_patch_node()
    {
        var patch = (YamlMappingNode)YamlReader.ReadDocuments("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              template:
                spec:
                  containers:
                  - image: quay.io/cilium/cilium:v1.16.1
            """, "patches/agent.yaml")[0].Root;
        var target = Read("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\nspec: {}\n");

        var error = Assert.Throws<DiagnosticException>(() => StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes, "patches/agent.yaml"))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR2003"));
        Assert.That((error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("patches/agent.yaml", 10, 9)));
        Assert.That(error.Diagnostic.Message, Does.Contain("spec.template.spec.containers").And.Contain("DaemonSet kube-system/cilium"));
    }

    [TestCase("$patch: [delete]", "TCR2001")]
    [TestCase("$retainKeys: [name, {a: b}]", "TCR2005")]
    [TestCase("$deleteFromPrimitiveList/finalizers: [{a: b}]", "TCR2007")]
    [TestCase("$setElementOrder/finalizers: {a: b}", "TCR2006")]
    [TestCase("$setElementOrder/finalizers: [[a]]", "TCR2006")]
    public void Malformed_directives_are_coded(string directive, string code)
    {
        var patch = Read($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n  {directive}\n");

        var error = Assert.Throws<DiagnosticException>(() => StrategicMergePatch.Apply(Read(ConfigMap), patch, MergeKeyRegistry.Kubernetes));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(code));
    }

    [Test]
    public void SetElementOrder_on_primitive_list_orders_values()
    {
        var target = Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  finalizers: [a, b, c]\n");
        var patch = Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  $setElementOrder/finalizers: [c, a]\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        // As kubectl: listed values in the listed order, b keeps its place relative to them.
        Assert.That(YamlWriter.WriteNode(result.GetPath("metadata", "finalizers")!), Is.EqualTo("- b\n- c\n- a\n"));
    }

    [Test]
    public void Nested_directives_in_added_lists_are_applied()
    {
        var target = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n");
        var patch = Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                  - $patch: replace
                  - name: app
                    image: x
                    securityContext:
                      $patch: delete
                  volumes:
                  - $patch: delete
            """);

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        Assert.That(YamlWriter.WriteNode(result.Get("spec")!), Is.EqualTo("template:\n  spec:\n    containers:\n    - name: app\n      image: x\n"));
    }

    [Test]
    public void Replace_directive_on_an_element_replaces_that_element_only()
    {
        // kubectl empties the whole list here and kustomize 5.5 ignores the directive; replacing the one
        // element is what the directive says where it stands.
        var target = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a\n        args: [x]\n      - name: b\n        image: b\n");
        var patch = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        $patch: replace\n        image: z\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        Assert.That(YamlWriter.WriteNode(result.GetPath("spec", "template", "spec", "containers")!), Is.EqualTo("- name: a\n  image: z\n- name: b\n  image: b\n"));
    }

    [Test]
    public void Merge_directive_element_in_a_list_is_dropped()
    {
        var target = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a\n");
        var patch = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - $patch: merge\n      - name: b\n        image: b\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        Assert.That(YamlWriter.WriteNode(result.GetPath("spec", "template", "spec", "containers")!), Is.EqualTo("- name: b\n  image: b\n- name: a\n  image: a\n"));
    }

    [Test]
    public void Delete_directive_works_on_maps_of_custom_resources()
    {
        var target = Read("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\nspec:\n  endpointSelector:\n    matchLabels:\n      app: x\n  description: d\n");
        var patch = Read("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\nspec:\n  endpointSelector:\n    $patch: delete\n");

        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes)!;

        Assert.That(YamlWriter.WriteNode(result.Get("spec")!), Is.EqualTo("description: d\n"));
    }

    private static YamlMappingNode Read(string yaml) => (YamlMappingNode)YamlReader.ReadDocuments(yaml, "test.yaml")[0].Root;
}
