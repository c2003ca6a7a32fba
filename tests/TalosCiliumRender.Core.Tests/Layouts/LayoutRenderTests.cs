using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Layouts;

/// <summary>The three layouts with the real pinned helm, checked by kubectl kustomize and the Talos schemas.</summary>
public sealed class LayoutRenderTests
{
    private static readonly string[] HubbleUi = ["hubble-relay", "hubble-ui"];

    private RealRenders _renders = null!;

    [OneTimeSetUp]
    public void CreateRenders() => _renders = new RealRenders();

    [OneTimeTearDown]
    public void DisposeRenders() => _renders.Dispose();

    [Test]
    public async Task Directory_layout_builds_with_kubectl_kustomize_into_the_same_documents_as_the_single_file()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("cilium");
        var result = await _renders.RenderAsync(_renders.Request() with { Features = HubbleUi, Layout = OutputLayout.Directory, OutputPath = folder });

        var kustomized = await Kubectl.KustomizeAsync(Kubectl.Locate(), folder);
        Assert.That(kustomized.ExitCode, Is.Zero, kustomized.ToString());
        var built = kustomized.Output;
        var expected = YamlReader.ReadDocuments(result.Manifest!, "render").Select(DropEmptyMetadataMaps).ToDictionary(ManifestComparison.Id);
        var actual = YamlReader.ReadDocuments(built, "kubectl kustomize").ToDictionary(ManifestComparison.Id);

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
            foreach (var (id, document) in expected)
            {
                if (actual.TryGetValue(id, out var other))
                {
                    Assert.That(YamlEquivalence.Differences(document.Root, other.Root), Is.Empty, id);
                }
            }

            Assert.That(expected, Has.Count.GreaterThan(20));
            Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(expected.Count + 1), "one file per resource plus kustomization.yaml");
            Assert.That(result.OutputFiles.Select(Path.GetFileName), Is.EquivalentTo(Directory.GetFiles(folder).Select(Path.GetFileName)));
            Assert.That(File.Exists(Path.Combine(folder, "daemonset-cilium.yaml")), Is.True);
            Assert.That(File.Exists(Path.Combine(folder, "configmap-cilium-config.yaml")), Is.True);
            Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.EqualTo(new[] { folder }), "no temporary folder left behind");
        });
    }

    /// <summary>kustomize drops <c>annotations:</c> and <c>labels:</c> without content (helm renders some); nothing else may differ.</summary>
    private static ManifestDocument DropEmptyMetadataMaps(ManifestDocument document)
    {
        if ((document.Root as YamlMappingNode)?.Get("metadata") is YamlMappingNode metadata)
        {
            foreach (var key in new[] { "annotations", "labels" })
            {
                if (metadata.Get(key) is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar) || metadata.Get(key) is YamlMappingNode { Children.Count: 0 })
                {
                    metadata.Children.Remove(new YamlScalarNode(key));
                }
            }
        }

        return document;
    }

    [Test]
    public async Task Directory_layout_lists_resources_in_output_order()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("cilium");
        var result = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Directory, OutputPath = folder });

        var kustomization = (YamlMappingNode)YamlReader.ReadDocuments(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")), "k")[0].Root;
        var listed = ((YamlSequenceNode)kustomization.Get("resources")!).Children.Select(n => ((YamlScalarNode)n).Value!).ToArray();
        var idsInFiles = listed.Select(f => ManifestComparison.Id(YamlReader.ReadDocuments(File.ReadAllText(Path.Combine(folder, f)), f).Single()));

        Assert.That(idsInFiles, Is.EqualTo(YamlReader.ReadDocuments(result.Manifest!, "render").Select(ManifestComparison.Id)));
    }

    [TestCase("1.13")]
    [TestCase("1.14")]
    public async Task Talos_patch_completed_into_full_documents_validates_against_the_schema(string talosVersion)
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Features = HubbleUi, Layout = OutputLayout.Talos, TalosVersion = talosVersion });
        var patch = YamlReader.ReadDocuments(result.TalosPatch!, "patch");

        Assert.Multiple(() =>
        {
            foreach (var document in TalosConfig.Complete(talosVersion, patch))
            {
                Assert.That(TalosSchema.Violations(talosVersion, document), Is.Empty, () => YamlWriter.WriteNode(document)[..Math.Min(400, YamlWriter.WriteNode(document).Length)]);
            }
        });
    }

    [TestCase("1.13")]
    [TestCase("1.14")]
    public async Task Talos_patch_embeds_exactly_the_rendered_documents(string talosVersion)
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Features = HubbleUi, Layout = OutputLayout.Talos, TalosVersion = talosVersion });
        var embedded = TalosConfig.InlineManifests(YamlReader.ReadDocuments(result.TalosPatch!, "patch")).Single();

        var rendered = YamlReader.ReadDocuments(result.Manifest!, "render");
        var parsed = YamlReader.ReadDocuments(embedded.Manifest, "inline manifest");
        Assert.Multiple(() =>
        {
            Assert.That(embedded.Name, Is.EqualTo("cilium"));
            Assert.That(parsed.Select(ManifestComparison.Id), Is.EqualTo(rendered.Select(ManifestComparison.Id)));
            for (var i = 0; i < Math.Min(parsed.Count, rendered.Count); i++)
            {
                Assert.That(YamlEquivalence.Differences(rendered[i].Root, parsed[i].Root), Is.Empty, ManifestComparison.Id(rendered[i]));
            }
        });
    }

    [Test]
    public async Task Talos_1_13_patch_disables_cni_and_kube_proxy_in_v1alpha1()
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.13" });
        var cluster = (YamlMappingNode)((YamlMappingNode)YamlReader.ReadDocuments(result.TalosPatch!, "patch").Single().Root).Get("cluster")!;

        Assert.Multiple(() =>
        {
            Assert.That(cluster.GetPath("network", "cni", "name")?.ToString(), Is.EqualTo("none"));
            Assert.That(cluster.GetPath("proxy", "disabled")?.ToString(), Is.EqualTo("true"));
            Assert.That(result.TalosPatch, Does.StartWith("# Talos 1.13 machine-config patch"));
        });
    }

    [Test]
    public async Task Talos_1_14_patch_is_typed_documents_deleting_flannel_disabling_kube_proxy_and_enabling_kubeprism()
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14" });
        var documents = YamlReader.ReadDocuments(result.TalosPatch!, "patch").Select(d => (YamlMappingNode)d.Root).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(documents.Select(d => d.GetString("kind")), Is.EqualTo(new[] { "KubeFlannelCNIConfig", "KubeProxyConfig", "KubePrismConfig", "KubeInlineManifestConfig" }));
            Assert.That(documents.Select(d => d.GetString("apiVersion")), Is.All.EqualTo("v1alpha1"));
            Assert.That(documents[0].Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "apiVersion", "kind", "$patch" }));
            Assert.That(documents[0].GetString("$patch"), Is.EqualTo("delete"));
            Assert.That(documents[1].Get("enabled")?.ToString(), Is.EqualTo("false"));
            Assert.That(documents.Any(d => d.Get("cluster") is not null), Is.False, "1.14 rejects the old v1alpha1 cluster fields next to the typed documents");
        });
    }

    [TestCase("1.13")]
    [TestCase("1.14")]
    public async Task Talos_patch_keeps_kube_proxy_when_cilium_does_not_replace_it(string talosVersion)
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Preset = "talos-kube-proxy", Layout = OutputLayout.Talos, TalosVersion = talosVersion });
        var patch = YamlReader.ReadDocuments(result.TalosPatch!, "patch");

        Assert.Multiple(() =>
        {
            Assert.That(patch.Select(d => ((YamlMappingNode)d.Root).GetString("kind")), Does.Not.Contain("KubeProxyConfig"));
            Assert.That(patch.Select(d => ((YamlMappingNode)d.Root).GetPath("cluster", "proxy")), Is.All.Null);
            Assert.That(result.Diagnostics.Select(d => d.Code), Does.Not.Contain("TCR6006"));
            foreach (var document in TalosConfig.Complete(talosVersion, patch))
            {
                Assert.That(TalosSchema.Violations(talosVersion, document), Is.Empty);
            }
        });
    }

    [Test]
    public async Task Talos_patch_over_the_user_data_limits_warns_once_with_TCR5010()
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14" });

        Assert.Multiple(() =>
        {
            Assert.That(result.TalosPatch!.Length, Is.GreaterThan(32 * 1024), "the Cilium render alone is over both limits");
            Assert.That(result.Diagnostics.Count(d => d.Code == "TCR5010"), Is.EqualTo(1));
            Assert.That(result.Diagnostics.Single(d => d.Code == "TCR5010").IsError, Is.False);
            Assert.That(result.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task TCR5010_can_be_suppressed()
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14", SuppressedLints = ["TCR5010"] });
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Not.Contain("TCR5010"));
    }

    [Test]
    public async Task Talos_patch_is_written_to_the_output_file()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("cilium-patch.yaml");
        var first = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14", OutputPath = output, Features = ["hubble-tls-cronjob"] });
        var second = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14", OutputPath = output, Features = ["hubble-tls-cronjob"] });

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(output), Is.EqualTo(first.TalosPatch));
            Assert.That(first.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(second.Output, Is.EqualTo(OutputStatus.Unchanged), "no generated keys, so the patch is reproducible");
            Assert.That(first.OutputFiles, Is.EqualTo(new[] { output }));
        });
    }

    [TestCase(OutputLayout.Talos, null, "TCR5001")]
    [TestCase(OutputLayout.Talos, "2.0", "TCR5002")]
    [TestCase(OutputLayout.Talos, "one.thirteen", "TCR5002")]
    [TestCase(OutputLayout.Directory, null, "TCR5004")]
    public async Task Layout_options_are_checked_before_helm_runs(OutputLayout layout, string? talosVersion, string code)
    {
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest { Layout = layout, TalosVersion = talosVersion, HelmPath = "/nonexistent/helm" });
        Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { code }));
    }

    [Test]
    public async Task Release_name_that_Talos_cannot_use_as_manifest_name_is_TCR5003()
    {
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest { Layout = OutputLayout.Talos, TalosVersion = "1.14", ReleaseName = "Cilium_Main", HelmPath = "/nonexistent/helm" });
        // helm would refuse the name too (TCR0004); both rules are reported at once.
        Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR0004", "TCR5003" }));
    }

    [TestCase(OutputLayout.Directory, "cilium")]
    [TestCase(OutputLayout.Talos, "cilium-patch.yaml")]
    [TestCase(OutputLayout.File, "cilium.yaml")]
    public async Task Check_mode_and_unchanged_writes_work_for_every_layout(OutputLayout layout, string name)
    {
        using var temp = new TempDirectory();
        var output = temp.Combine(name);
        // Hubble with TLS from helm: every render makes new certificates, which must not count as a change.
        var request = _renders.Request() with { Features = ["hubble-relay"], Layout = layout, TalosVersion = "1.14", OutputPath = output };

        var written = await _renders.RenderAsync(request);
        var rewritten = await _renders.RenderAsync(request);
        var checkedFresh = await _renders.RenderAsync(request with { Mode = OutputMode.Check });
        var resource = layout == OutputLayout.Directory ? Path.Combine(output, "daemonset-cilium.yaml") : output;
        File.WriteAllText(resource, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(resource), "(?m)^( *)kind: DaemonSet$", "$1kind: DaemonSet\n$1extra: field"));
        var edited = File.ReadAllText(resource);
        var checkedStale = await _renders.RenderAsync(request with { Mode = OutputMode.Check }, expectSuccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(written.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(rewritten.Output, Is.EqualTo(OutputStatus.Unchanged), "regenerated certificates alone do not rewrite the output");
            Assert.That(checkedFresh.Output, Is.EqualTo(OutputStatus.UpToDate));
            Assert.That(checkedStale.Output, Is.EqualTo(OutputStatus.Stale));
            Assert.That(checkedStale.Diagnostics.Select(d => d.Code), Does.Contain("TCR0008"));
            Assert.That(checkedStale.Differences.Select(d => d.ToString()), Has.Some.Contains("DaemonSet"));
            Assert.That(File.ReadAllText(resource), Is.EqualTo(edited), "check never writes");
        });
    }
}
