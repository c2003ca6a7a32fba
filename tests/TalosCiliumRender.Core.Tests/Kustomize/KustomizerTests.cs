using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>The public API: bad inputs give coded diagnostics with positions; applying to a render keeps its YAML.</summary>
public sealed class KustomizerTests
{
    private static readonly string BaseYaml = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Kustomize", "Fixtures", "cilium-base.yaml"));

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n";

    private static async Task<KustomizeResult> BuildAsync(TempDirectory dir, string kustomization, params (string Name, string Content)[] files)
    {
        dir.WriteFile("kustomization.yaml", kustomization);
        foreach (var (name, content) in files)
        {
            dir.WriteFile(name, content);
        }

        return await Kustomizer.BuildAsync(dir.Path);
    }

    private static void AssertFailure(KustomizeResult result, string code, string? fileEnding = null, int? line = null)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Yaml, Is.Null);
            Assert.That(result.Diagnostics, Has.Count.EqualTo(1));
            Assert.That(result.Diagnostics[0].Code, Is.EqualTo(code), result.Diagnostics[0].ToString());
            if (fileEnding is not null)
            {
                Assert.That(result.Diagnostics[0].File, Does.EndWith(fileEnding));
            }

            if (line is not null)
            {
                Assert.That(result.Diagnostics[0].Line, Is.EqualTo(line), result.Diagnostics[0].ToString());
            }
        });
    }

    /// <summary>kubectl: "new root '/…/base' cannot be absolute"; an absolute path to a file inside the folder loads.</summary>
    [Test]
    public async Task Absolute_base_folder_is_refused_but_an_absolute_file_inside_is_read()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("base/kustomization.yaml", "resources: [cm.yaml]\n");
        dir.WriteFile("base/cm.yaml", ConfigMap);
        dir.WriteFile("overlay/cm.yaml", ConfigMap.Replace("name: web", "name: own", StringComparison.Ordinal));

        dir.WriteFile("overlay/kustomization.yaml", $"resources:\n- {dir.Combine("base")}\n");
        var refused = await Kustomizer.BuildAsync(dir.Combine("overlay"));
        AssertFailure(refused, "TCR2053", "kustomization.yaml", 2);
        Assert.That(refused.Diagnostics[0].Message, Does.Contain("cannot be absolute").And.Contain("'../base'"));

        dir.WriteFile("overlay/kustomization.yaml", $"resources:\n- {dir.Combine("overlay", "cm.yaml")}\n");
        var read = await Kustomizer.BuildAsync(dir.Combine("overlay"));
        Assert.That(read.Yaml, Does.Contain("name: own"), string.Join("\n", read.Diagnostics));
    }

    [Test]
    public async Task Malformed_patch_file_is_TCR3002_at_its_line()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- path: patch.yaml\n", ("cm.yaml", ConfigMap), ("patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n data: x\n"));
        AssertFailure(result, "TCR3002", "patch.yaml", 5);
    }

    [Test]
    public async Task Malformed_inline_patch_points_into_the_kustomization()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- patch: |-\n    kind: ConfigMap\n    metadata:\n      name: web\n     data: x\n", ("cm.yaml", ConfigMap));
        AssertFailure(result, "TCR3002", "kustomization.yaml", 7);
    }

    [TestCase("apiVersion: v1\nmetadata:\n  name: web\ndata: {}\n", TestName = "Patch_without_kind_is_TCR2061")]
    [TestCase("apiVersion: v1\nkind: ConfigMap\ndata: {}\n", TestName = "Patch_without_name_is_TCR2061")]
    public async Task Patch_without_kind_or_name(string patch)
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- path: patch.yaml\n", ("cm.yaml", ConfigMap), ("patch.yaml", patch));
        AssertFailure(result, "TCR2061", "patch.yaml", 1);
    }

    [Test]
    public async Task Json_pointer_into_nothing_is_a_coded_error_at_the_operation()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- path: patch.yaml\n  target: {kind: ConfigMap}\n", ("cm.yaml", ConfigMap), ("patch.yaml", "- op: replace\n  path: /data/a\n  value: \"2\"\n- op: replace\n  path: /spec/nothing/here\n  value: 1\n"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Diagnostics.Single().Code, Does.Match("^TCR20[0-4][0-9]$"));
            Assert.That(result.Diagnostics.Single().File, Does.EndWith("patch.yaml"));
            Assert.That(result.Diagnostics.Single().Line, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Failing_test_operation_in_an_inline_patch_points_into_the_kustomization()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n    - op: test\n      path: /data/a\n      value: \"2\"\n", ("cm.yaml", ConfigMap));
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Diagnostics.Single().Code, Does.Match("^TCR20[0-4][0-9]$"));
            Assert.That(result.Diagnostics.Single().File, Does.EndWith("kustomization.yaml"));
            Assert.That(result.Diagnostics.Single().Line, Is.EqualTo(5));
        });
    }

    [TestCase("namePrefix: dev-\nresources: [cm.yaml]\n", 1, TestName = "NamePrefix_is_TCR2052")]
    [TestCase("resources: [cm.yaml]\nconfigMapGenerator:\n- name: x\n", 2, TestName = "Generators_are_TCR2052")]
    [TestCase("resources: [cm.yaml]\nhelmCharts: []\n", 2, TestName = "HelmCharts_is_TCR2052")]
    [TestCase("resources: [cm.yaml]\nsortOptions: {order: fifo}\n", 2, TestName = "SortOptions_is_TCR2052")]
    [TestCase("resources: [cm.yaml]\nbogus: 1\n", 2, TestName = "Unknown_field_is_TCR2052")]
    [TestCase("resources: [cm.yaml]\npatches:\n- path: p.yaml\n  options: {allowNameChange: true}\n", 4, TestName = "AllowNameChange_is_TCR2052")]
    [TestCase("resources: [cm.yaml]\nlabels:\n- pairs: {a: b}\n  fields: []\n", 4, TestName = "Label_fields_is_TCR2052")]
    public async Task Unsupported_field_is_TCR2052_at_its_line(string kustomization, int line)
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, kustomization, ("cm.yaml", ConfigMap), ("p.yaml", ConfigMap));
        AssertFailure(result, "TCR2052", "kustomization.yaml", line);
    }

    [TestCase("resources: [../outside.yaml]\n", TestName = "Dot_dot_path_is_TCR2054")]
    [TestCase("resources: [sub/../../outside.yaml]\n", TestName = "Nested_dot_dot_path_is_TCR2054")]
    [TestCase("resources: [cm.yaml]\npatches:\n- path: ../outside.yaml\n", TestName = "Patch_path_outside_is_TCR2054")]
    public async Task Path_escaping_the_folder_is_TCR2054(string kustomization)
    {
        using var outer = new TempDirectory();
        outer.WriteFile("outside.yaml", ConfigMap.Replace("web", "outside", StringComparison.Ordinal));
        var inner = outer.Combine("k");
        Directory.CreateDirectory(Path.Combine(inner, "sub"));
        File.WriteAllText(Path.Combine(inner, "kustomization.yaml"), kustomization);
        File.WriteAllText(Path.Combine(inner, "cm.yaml"), ConfigMap);
        AssertFailure(await Kustomizer.BuildAsync(inner), "TCR2054", "kustomization.yaml");
    }

    [Test]
    public async Task Symlink_leaving_the_folder_is_TCR2054()
    {
        using var outer = new TempDirectory();
        outer.WriteFile("outside.yaml", ConfigMap);
        var inner = outer.Combine("k");
        Directory.CreateDirectory(inner);
        File.CreateSymbolicLink(Path.Combine(inner, "link.yaml"), Path.Combine(outer.Path, "outside.yaml"));
        File.WriteAllText(Path.Combine(inner, "kustomization.yaml"), "resources: [link.yaml]\n");
        AssertFailure(await Kustomizer.BuildAsync(inner), "TCR2054", "kustomization.yaml", 1);
    }

    [Test]
    public async Task Duplicate_resource_ids_are_TCR2059()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [a.yaml, b.yaml]\n", ("a.yaml", ConfigMap), ("b.yaml", ConfigMap.Replace("name: web", "name: web\n  namespace: default", StringComparison.Ordinal)));
        AssertFailure(result, "TCR2059", "b.yaml", 1);
    }

    [TestCase("apiVersion: v1\nmetadata:\n  name: x\n", "TCR2057", TestName = "Resource_without_kind_is_TCR2057")]
    [TestCase("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "TCR2058", TestName = "Resource_without_name_is_TCR2058")]
    [TestCase("- a\n- b\n", "TCR2060", TestName = "Resource_that_is_a_list_is_TCR2060")]
    public async Task Invalid_resource(string resource, string code)
    {
        using var dir = new TempDirectory();
        AssertFailure(await BuildAsync(dir, "resources: [r.yaml]\n", ("r.yaml", resource)), code, "r.yaml", 1);
    }

    [Test]
    public async Task Missing_kustomization_is_TCR2051()
    {
        using var dir = new TempDirectory();
        AssertFailure(await Kustomizer.BuildAsync(dir.Path), "TCR2051");
    }

    [Test]
    public async Task Two_kustomization_files_are_TCR2072()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yml", "resources: []\n");
        AssertFailure(await BuildAsync(dir, "resources: []\n"), "TCR2072");
    }

    [Test]
    public async Task Missing_resource_file_is_TCR2055()
    {
        using var dir = new TempDirectory();
        AssertFailure(await BuildAsync(dir, "resources:\n- nope.yaml\n"), "TCR2055", "kustomization.yaml", 2);
    }

    [Test]
    public async Task Remote_resource_is_TCR2056()
    {
        using var dir = new TempDirectory();
        AssertFailure(await BuildAsync(dir, "resources:\n- https://github.com/cilium/cilium//install\n"), "TCR2056", "kustomization.yaml", 2);
    }

    [Test]
    public async Task Untargeted_patch_matching_nothing_is_TCR2064()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatchesStrategicMerge:\n- p.yaml\n", ("cm.yaml", ConfigMap), ("p.yaml", ConfigMap.Replace("web", "other", StringComparison.Ordinal)));
        AssertFailure(result, "TCR2064", "p.yaml", 1);
    }

    [TestCase("name: \"[a\"", TestName = "Bad_name_regex_is_TCR2066")]
    [TestCase("labelSelector: \"tier in (web\"", TestName = "Bad_label_selector_is_TCR2066")]
    public async Task Invalid_target_is_TCR2066(string target)
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, $"resources: [cm.yaml]\npatches:\n- target: {{{target}}}\n  patch: '[{{\"op\": \"add\", \"path\": \"/data/b\", \"value\": \"x\"}}]'\n", ("cm.yaml", ConfigMap));
        AssertFailure(result, "TCR2066", "kustomization.yaml", 3);
    }

    [Test]
    public async Task Numeric_new_tag_must_be_quoted_TCR2053()
    {
        using var dir = new TempDirectory();
        AssertFailure(await BuildAsync(dir, "resources: [cm.yaml]\nimages:\n- name: nginx\n  newTag: 1.1\n", ("cm.yaml", ConfigMap)), "TCR2053", "kustomization.yaml", 4);
    }

    [Test]
    public async Task Build_skips_a_target_that_matches_nothing_like_kustomize()
    {
        using var dir = new TempDirectory();
        var result = await BuildAsync(dir, "resources: [cm.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: '[{\"op\": \"add\", \"path\": \"/x\", \"value\": 1}]'\n", ("cm.yaml", ConfigMap));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
    }

    [Test]
    public async Task Apply_with_a_target_matching_nothing_is_TCR2050_unless_allowed()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "patches:\n- target:\n    kind: Deployment\n    name: cilium-operator\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 1\n");

        var strict = await Kustomizer.ApplyAsync(BaseYaml, dir.Path);
        var allowed = await Kustomizer.ApplyAsync(BaseYaml, dir.Path, new KustomizeOptions { AllowUnmatchedPatches = true });

        AssertFailure(strict, "TCR2050", "kustomization.yaml", 2);
        Assert.That(allowed.Succeeded, Is.True, string.Join("\n", allowed.Diagnostics));
    }

    private const string DeploymentWithPort = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n          name: http\n      tolerations: [{key: a, operator: Exists}]\n";

    [Test]
    public async Task A_port_patch_that_kustomize_would_ignore_is_TCR2009_on_a_render_and_ignored_by_kustomize()
    {
        using var dir = new TempDirectory();
        const string patch = "patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      template:\n        spec:\n          containers:\n          - name: web\n            ports:\n            - containerPort: 80\n              protocol: TCP\n              name: web\n";
        dir.WriteFile("kustomization.yaml", patch);
        var render = await Kustomizer.ApplyAsync(DeploymentWithPort, dir.Path);

        var build = await BuildAsync(dir, "resources: [deploy.yaml]\n" + patch, ("deploy.yaml", DeploymentWithPort));

        AssertFailure(render, "TCR2009", "kustomization.yaml", 13);
        Assert.That(build.Yaml, Does.Contain("name: http").And.Not.Contain("name: web\n          protocol"), build.Yaml);
    }

    [Test]
    public async Task Json6902_replace_of_a_missing_key_is_applied_on_a_render_and_by_kustomize_but_a_copy_of_nothing_only_by_kustomize()
    {
        using var dir = new TempDirectory();
        const string replace = "patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: replace\n      path: /spec/paused\n      value: true\n";
        const string copy = "patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: copy\n      from: /spec/template/spec/nodeSelector\n      path: /spec/template/spec/affinity\n";

        dir.WriteFile("kustomization.yaml", replace);
        var renderReplace = await Kustomizer.ApplyAsync(DeploymentWithPort, dir.Path);
        dir.WriteFile("kustomization.yaml", copy);
        var renderCopy = await Kustomizer.ApplyAsync(DeploymentWithPort, dir.Path);
        var buildCopy = await BuildAsync(dir, "resources: [deploy.yaml]\n" + copy, ("deploy.yaml", DeploymentWithPort));

        Assert.That(renderReplace.Yaml, Does.Contain("paused: true"), string.Join("\n", renderReplace.Diagnostics));
        AssertFailure(renderCopy, "TCR2023");
        Assert.That(buildCopy.Yaml, Does.Contain("affinity: null"), string.Join("\n", buildCopy.Diagnostics));
    }

    [Test]
    public async Task A_directive_in_a_list_without_merge_key_is_TCR2008_on_a_render_and_data_for_kustomize()
    {
        using var dir = new TempDirectory();
        const string patch = "patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      template:\n        spec:\n          tolerations:\n          - key: b\n            $patch: delete\n            value:\n";
        dir.WriteFile("kustomization.yaml", patch);
        var render = await Kustomizer.ApplyAsync(DeploymentWithPort, dir.Path);

        var build = await BuildAsync(dir, "resources: [deploy.yaml]\n" + patch, ("deploy.yaml", DeploymentWithPort));

        AssertFailure(render, "TCR2008");
        Assert.That(build.Yaml, Does.Contain("- $patch: delete\n        key: b\n        value: \"\"\n"), build.Yaml);
    }

    [Test]
    public async Task Apply_with_a_legacy_json_patch_matching_nothing_is_TCR2050()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "patchesJson6902:\n- target: {group: apps, version: v1, kind: Deployment, name: hubble-relay}\n  patch: '[{\"op\": \"remove\", \"path\": \"/spec/replicas\"}]'\n");
        AssertFailure(await Kustomizer.ApplyAsync(BaseYaml, dir.Path), "TCR2050");
    }

    [Test]
    public async Task Apply_keeps_untouched_documents_byte_for_byte()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "patches:\n- target: {kind: DaemonSet, name: cilium}\n  patch: |-\n    - op: add\n      path: /spec/template/spec/priorityClassName\n      value: system-node-critical\n");

        var result = await Kustomizer.ApplyAsync(BaseYaml, dir.Path);

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        var configMap = BaseYaml[BaseYaml.IndexOf("# Source: cilium/templates/cilium-configmap.yaml", StringComparison.Ordinal)..BaseYaml.IndexOf("---\n# Source: cilium/templates/cilium-agent/clusterrolebinding.yaml", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(result.Yaml, Does.Contain(configMap), "field order, quoting, literal block and header comment of the ConfigMap");
            Assert.That(result.Yaml, Does.Contain("priorityClassName: system-node-critical"));
            Assert.That(result.Yaml, Does.Not.Contain("\r"));
            Assert.That(result.Yaml, Does.Not.StartWith("---"));
        });
    }

    [Test]
    public async Task Apply_keeps_strings_that_look_like_other_types_strings()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "commonLabels:\n  enabled: \"true\"\n  mode: \"0755\"\ncommonAnnotations:\n  ratio: \"1e3\"\n  switch: \"on\"\n");

        var result = await Kustomizer.ApplyAsync(BaseYaml, dir.Path);

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        var documents = YamlReader.ReadDocuments(result.Yaml!, "out");
        var configMap = (YamlMappingNode)documents.Single(d => d.Mapping!.GetString("kind") == "ConfigMap").Root;
        var labels = (YamlMappingNode)configMap.GetPath("metadata", "labels")!;
        var annotations = (YamlMappingNode)configMap.GetPath("metadata", "annotations")!;
        var data = (YamlMappingNode)configMap.Get("data")!;
        Assert.Multiple(() =>
        {
            foreach (var scalar in new[] { labels.Get("enabled"), labels.Get("mode"), annotations.Get("ratio"), annotations.Get("switch"), data.Get("enable-ipv4"), data.Get("bpf-root-mode"), data.Get("bpf-map-dynamic-size-ratio"), data.Get("enable-bpf-masquerade") }.Cast<YamlScalarNode>())
            {
                Assert.That(GoYamlDialect.Resolve(scalar), Is.EqualTo(GoYamlDialect.Kind.String), scalar.Value);
                Assert.That(GoYamlDialect.IsAmbiguousAsPlain(scalar.Value!) ? scalar.Style != YamlDotNet.Core.ScalarStyle.Plain : true, Is.True, scalar.Value);
            }
        });
    }

    [Test]
    public async Task Apply_writes_no_anchors()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "commonLabels:\n  team: net\n");
        const string anchored = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l\n    x: y\n  annotations: *l\n";

        var result = await Kustomizer.ApplyAsync(anchored, dir.Path);

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Yaml, Does.Not.Contain("&").And.Not.Contain("*"));
        var root = (YamlMappingNode)YamlReader.ReadDocuments(result.Yaml!, "out")[0].Root;
        Assert.That(((YamlMappingNode)root.GetPath("metadata", "annotations")!).Get("team"), Is.Null, "a label added through the alias must not leak into annotations");
    }

    [Test]
    public async Task Apply_adds_the_kustomizations_own_resources_and_orders_like_kustomize()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "resources: [ns.yaml]\n");
        dir.WriteFile("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cilium-test\n");

        var result = await Kustomizer.ApplyAsync(BaseYaml, dir.Path);

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(ManifestComparison.Order(result.Yaml!), Is.EqualTo(new[]
        {
            "v1/Namespace//cilium-test",
            "v1/ServiceAccount/kube-system/cilium",
            "rbac.authorization.k8s.io/v1/ClusterRoleBinding//cilium",
            "v1/ConfigMap/kube-system/cilium-config",
            "apps/v1/DaemonSet/kube-system/cilium",
        }));
    }

    [Test]
    public async Task Apply_rejects_a_base_document_that_duplicates_a_resource()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "resources: [sa.yaml]\n");
        dir.WriteFile("sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: cilium\n  namespace: kube-system\n");
        AssertFailure(await Kustomizer.ApplyAsync(BaseYaml, dir.Path), "TCR2059", "sa.yaml");
    }

    [Test]
    public async Task Internal_applier_returns_documents_with_their_header_comments()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "images:\n- name: quay.io/cilium/cilium\n  newTag: v1.18.2\n");
        var documents = YamlReader.ReadDocuments(BaseYaml, "render.yaml");

        var result = await KustomizationApplier.ApplyAsync(documents, dir.Path, KustomizeOptions.Default, CancellationToken.None);

        var daemonSet = result.Single(d => d.Mapping!.GetString("kind") == "DaemonSet");
        Assert.Multiple(() =>
        {
            Assert.That(daemonSet.SourceTemplate, Is.EqualTo("cilium/templates/cilium-agent/daemonset.yaml"));
            Assert.That(YamlWriter.WriteNode(daemonSet.Root), Does.Contain("image: quay.io/cilium/cilium:v1.18.2\n"));
        });
    }
}
