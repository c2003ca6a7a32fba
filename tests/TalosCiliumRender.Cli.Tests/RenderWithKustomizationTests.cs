using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>`render --kustomization`: the helm render is the kustomization's base, patched in-process.</summary>
public sealed class RenderWithKustomizationTests
{
    private static string[] RenderArgs(TempDirectory temp, params string[] extra) =>
        ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), .. extra];

    private static void WriteOverlay(TempDirectory temp, string extraPatch = "")
    {
        temp.WriteFile("overlay/kustomization.yaml", $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - lb-pool.yaml
            images:
            - name: quay.io/cilium/operator-generic
              newName: registry.example.com/mirror/operator-generic
            commonAnnotations:
              example.com/managed-by: gitops
            patches:
            - target:
                kind: Deployment
                name: cilium-operator
              patch: |-
                - op: replace
                  path: /spec/replicas
                  value: 1
            - path: agent-resources.yaml
            {extraPatch}
            """);
        temp.WriteFile("overlay/lb-pool.yaml", """
            apiVersion: cilium.io/v2
            kind: CiliumLoadBalancerIPPool
            metadata:
              name: pool
            spec:
              blocks:
              - cidr: 192.0.2.0/28
            """);
        temp.WriteFile("overlay/agent-resources.yaml", """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              template:
                spec:
                  containers:
                  - name: cilium-agent
                    resources:
                      limits:
                        memory: 1Gi
            """);
    }

    [Test]
    public async Task Patches_the_render_and_adds_the_kustomization_resources()
    {
        using var temp = new TempDirectory();
        WriteOverlay(temp);

        var run = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-k", "overlay", "-o", "out.yaml"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var documents = YamlReader.ReadDocuments(File.ReadAllText(temp.Combine("out.yaml")), "out.yaml");
        var operatorDeployment = ManifestComparison.Find(documents, "Deployment", "cilium-operator")!;
        var agent = ManifestComparison.Find(documents, "DaemonSet", "cilium")!;
        var agentContainer = (YamlMappingNode)((YamlSequenceNode)agent.GetPath("spec", "template", "spec", "containers")!).Children[0];
        Assert.Multiple(() =>
        {
            Assert.That(operatorDeployment.GetPath("spec", "replicas")?.ToString(), Is.EqualTo("1"));
            Assert.That(File.ReadAllText(temp.Combine("out.yaml")), Does.Contain("image: registry.example.com/mirror/operator-generic:"));
            Assert.That(agentContainer.GetPath("resources", "limits", "memory")?.ToString(), Is.EqualTo("1Gi"));
            Assert.That(agentContainer.GetString("name"), Is.EqualTo("cilium-agent"));
            Assert.That(ManifestComparison.Find(documents, "CiliumLoadBalancerIPPool", "pool"), Is.Not.Null);
            Assert.That(documents.All(d => ((YamlMappingNode)d.Root).GetPath("metadata", "annotations", "example.com/managed-by")?.ToString() == "gitops"), Is.True);
        });
    }

    [Test]
    public async Task A_patch_that_matches_nothing_in_the_render_fails_unless_allowed()
    {
        using var temp = new TempDirectory();
        WriteOverlay(temp, """
            - target:
                kind: Deployment
                name: hubble-relay
              patch: |-
                - op: replace
                  path: /spec/replicas
                  value: 2
            """);
        var output = temp.WriteFile("out.yaml", "kept\n");

        var strict = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-k", "overlay", "-o", "out.yaml"));
        var keptAfterFailure = File.ReadAllText(output);
        var allowed = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-k", "overlay", "-o", "out.yaml", "--allow-unmatched-patches"));

        Assert.Multiple(() =>
        {
            Assert.That(strict.ExitCode, Is.Not.Zero);
            Assert.That(strict.Error, Does.Contain("error TCR2050: "), strict.ToString);
            Assert.That(keptAfterFailure, Is.EqualTo("kept\n"));
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString);
            Assert.That(File.ReadAllText(output), Does.Contain("kind: DaemonSet"));
        });
    }

    [Test]
    public async Task A_broken_patch_names_its_file_and_line()
    {
        using var temp = new TempDirectory();
        WriteOverlay(temp);
        temp.WriteFile("overlay/agent-resources.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\nspec: [unclosed\n");

        var run = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-k", "overlay"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Match(@"agent-resources\.yaml\(\d+,\d+\): error TCR3002: "), run.ToString);
            Assert.That(run.Output, Is.Empty, "no partial output");
        });
    }

    /// <summary>
    /// The overlay from issue 10: a replace of a cilium-config key the chart does not set (kustomize adds it). Built
    /// by `talos-cilium kustomize` over a real 1.18.1 render it gives kubectl kustomize's bytes.
    /// </summary>
    [Test]
    public async Task A_replace_of_a_key_the_chart_does_not_set_builds_byte_identical_to_kubectl_kustomize()
    {
        using var temp = new TempDirectory();
        var kubectl = Kubectl.Locate();
        Directory.CreateDirectory(temp.Combine("overlay"));
        var render = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-o", "overlay/cilium.yaml"));
        Assert.That(render.ExitCode, Is.Zero, render.ToString);
        Assert.That(File.ReadAllText(temp.Combine("overlay", "cilium.yaml")), Does.Not.Contain("bpf-lb-sock-hostns-only"), "the chart sets the key; the test needs one it does not");
        temp.WriteFile("overlay/kustomization.yaml", ReplaceUnsetKeyOverlay("resources:\n- cilium.yaml\n"));

        var ours = await Cli.RunAsync(temp.Path, "kustomize", "overlay");
        var theirs = await Kubectl.KustomizeAsync(kubectl, temp.Combine("overlay"));

        Assert.Multiple(() =>
        {
            Assert.That(theirs.ExitCode, Is.Zero, theirs.ToString);
            Assert.That(ours.ExitCode, Is.Zero, ours.ToString);
            Assert.That(ours.Output, Is.EqualTo(theirs.Output), "talos-cilium kustomize and kubectl kustomize differ");
            Assert.That(ours.Output, Does.Contain("bpf-lb-sock-hostns-only: \"true\""));
        });
    }

    /// <summary>
    /// The same patch on the render itself (`render -k`), from a component shared by overlays, over a base that lies
    /// outside the overlay's folder, as a repository with one overlay per cluster has it.
    /// </summary>
    [Test]
    public async Task Render_k_applies_the_replace_through_a_shared_base_and_component()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("kustomize/base/kustomization.yaml", "resources:\n- lb-pool.yaml\n");
        temp.WriteFile("kustomize/base/lb-pool.yaml", "apiVersion: cilium.io/v2\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: pool\nspec:\n  blocks:\n  - cidr: 192.0.2.0/28\n");
        temp.WriteFile("kustomize/components/socket-lb/kustomization.yaml", ReplaceUnsetKeyOverlay("", component: true));
        temp.WriteFile("kustomize/overlays/prod/kustomization.yaml", "resources:\n- ../../base\ncomponents:\n- ../../components/socket-lb\n");

        var run = await Cli.RunAsync(temp.Path, RenderArgs(temp, "-k", "kustomize/overlays/prod", "-o", "out.yaml"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var documents = YamlReader.ReadDocuments(File.ReadAllText(temp.Combine("out.yaml")), "out.yaml");
        var config = ManifestComparison.Find(documents, "ConfigMap", "cilium-config")!;
        Assert.Multiple(() =>
        {
            Assert.That(config.GetPath("data", "bpf-lb-sock-hostns-only")?.ToString(), Is.EqualTo("true"));
            Assert.That(config.GetPath("data", "kube-proxy-replacement")?.ToString(), Is.EqualTo("true"));
            Assert.That(ManifestComparison.Find(documents, "CiliumLoadBalancerIPPool", "pool"), Is.Not.Null, "the base's resource");
        });
    }

    private static string ReplaceUnsetKeyOverlay(string resources, bool component = false) =>
        (component ? "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n" : "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n") + resources + """
            patches:
            - target:
                kind: ConfigMap
                name: cilium-config
              patch: |-
                - op: replace
                  path: /data/kube-proxy-replacement
                  value: "true"
                - op: replace
                  path: /data/bpf-lb-sock-hostns-only
                  value: "true"

            """;
}
