using TalosCiliumRender.Core.Lint;
using TalosCiliumRender.Core.Tests.Layouts;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Lint;

/// <summary>
/// The Talos-aware lint rules of issue 15 (TCR6010-TCR6012, TCR6006 both ways) on real helm renders: each fires on
/// the render with the problem and not on the default render; and the Talos patch's KubePrism and Gateway API CRD
/// documents, validated against the Talos schemas.
/// </summary>
public sealed class TalosAwareLintTests
{
    private static readonly string[] CronJobTls = ["hubble-relay", "hubble-tls-cronjob"];

    private RealRenders _renders = null!;

    [OneTimeSetUp]
    public void CreateRenders() => _renders = new RealRenders();

    [OneTimeTearDown]
    public void DisposeRenders() => _renders.Dispose();

    private static IEnumerable<string> Codes(RenderResult result) => result.Diagnostics.Select(d => d.Code);

    // ---- TCR6010: a Job in a Talos inline manifest ----

    [TestCase("1.17.18", "1.13")]
    [TestCase("1.18.1", "1.14")]
    public async Task Job_of_the_cronjob_tls_feature_in_the_talos_layout_is_TCR6010(string chart, string talos)
    {
        var result = await _renders.RenderAsync(_renders.Request(chart) with { Features = CronJobTls, Layout = OutputLayout.Talos, TalosVersion = talos });
        var finding = result.Diagnostics.Single(d => d.Code == "TCR6010");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(finding.Message, Does.Contain("Job kube-system/hubble-generate-certs (a CronJob of the same name is rendered too)"));
            Assert.That(finding.Message, Does.Contain("create job --from=cronjob/hubble-generate-certs"));
        });
    }

    [Test]
    public async Task Cilium_1_19_names_the_job_after_its_spec_so_a_change_is_a_new_job_and_TCR6010_stays_silent()
    {
        var result = await _renders.RenderAsync(_renders.Request("1.19.6") with { Features = CronJobTls, Layout = OutputLayout.Talos, TalosVersion = "1.14" });
        var documents = YamlReader.ReadDocuments(result.Manifest!, "render");

        Assert.Multiple(() =>
        {
            Assert.That(ManifestComparison.OfKind(documents, "Job").Select(j => ObjectIdentity.From(j).Name), Has.One.Matches<string>(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^hubble-generate-certs-[0-9a-f]{10}$")));
            Assert.That(Codes(result), Does.Not.Contain("TCR6010"));
        });
    }

    [Test]
    public async Task TCR6010_does_not_fire_on_the_default_talos_render_nor_on_the_file_layout()
    {
        var talosDefault = await _renders.RenderAsync(_renders.Request() with { Layout = OutputLayout.Talos, TalosVersion = "1.14" });
        var fileLayout = await _renders.RenderAsync(_renders.Request() with { Features = CronJobTls });

        Assert.Multiple(() =>
        {
            Assert.That(Codes(talosDefault), Does.Not.Contain("TCR6010"));
            Assert.That(Codes(fileLayout), Does.Not.Contain("TCR6010"), "outside a Talos inline manifest the Job is applied by helm or GitOps, which replace it");
        });
    }

    [Test]
    public async Task Dropping_the_one_shot_job_with_a_kustomize_patch_is_the_shape_that_works()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            patches:
            - patch: |-
                $patch: delete
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: hubble-generate-certs
                  namespace: kube-system
            """);

        var result = await _renders.RenderAsync(_renders.Request() with
        {
            Features = CronJobTls, Layout = OutputLayout.Talos, TalosVersion = "1.14", Kustomization = temp.Combine("overlay"),
        });
        var manifest = TalosConfig.InlineManifests(YamlReader.ReadDocuments(result.TalosPatch!, "patch")).Single().Manifest;
        var documents = YamlReader.ReadDocuments(manifest, "inline");

        Assert.Multiple(() =>
        {
            Assert.That(Codes(result), Does.Not.Contain("TCR6010"));
            Assert.That(ManifestComparison.Find(documents, "Job", "hubble-generate-certs"), Is.Null);
            Assert.That(ManifestComparison.Find(documents, "CronJob", "hubble-generate-certs"), Is.Not.Null);
        });
    }

    // ---- TCR6011: Talos host DNS forwarding with BPF masquerading and eBPF host routing ----

    private RenderRequest BpfMasquerade(params string[] more) => _renders.Request() with { SetValues = ["bpf.masquerade=true", .. more] };

    [TestCase("1.8")]
    [TestCase("1.13")]
    [TestCase("v1.14.0")]
    public async Task BPF_masquerade_with_eBPF_host_routing_on_Talos_from_1_8_is_TCR6011(string talos)
    {
        var result = await _renders.RenderAsync(BpfMasquerade() with { TalosVersion = talos });
        var finding = result.Diagnostics.Single(d => d.Code == "TCR6011");

        Assert.That(finding.Message, Does.Contain("ConfigMap kube-system/cilium-config has enable-bpf-masquerade: \"true\" and no enable-host-legacy-routing"));
    }

    [Test]
    public async Task TCR6011_fires_when_the_forwarding_is_declared_on_without_a_version()
    {
        var result = await _renders.RenderAsync(BpfMasquerade() with { TalosDnsForwarding = true });
        Assert.That(Codes(result), Does.Contain("TCR6011"));
    }

    [Test]
    public async Task TCR6011_does_not_fire_on_the_default_render_legacy_routing_feature_off_old_or_unknown_Talos()
    {
        var defaults = await _renders.RenderAsync(_renders.Request() with { TalosVersion = "1.14" });
        var legacy = await _renders.RenderAsync(BpfMasquerade("bpf.hostLegacyRouting=true") with { TalosVersion = "1.14" });
        var off = await _renders.RenderAsync(BpfMasquerade() with { TalosVersion = "1.14", TalosDnsForwarding = false });
        var old = await _renders.RenderAsync(BpfMasquerade() with { TalosVersion = "1.7" });
        var unknown = await _renders.RenderAsync(BpfMasquerade());

        Assert.Multiple(() =>
        {
            Assert.That(Codes(defaults), Does.Not.Contain("TCR6011"), "the chart's default does not masquerade in BPF");
            Assert.That(Codes(legacy), Does.Not.Contain("TCR6011"), "bpf.hostLegacyRouting=true is the fix");
            Assert.That(Codes(off), Does.Not.Contain("TCR6011"), "the Talos feature is declared off");
            Assert.That(Codes(old), Does.Not.Contain("TCR6011"), "Talos 1.7 did not turn the forwarding on by default");
            Assert.That(Codes(unknown), Does.Not.Contain("TCR6011"), "no Talos version and no setting: no finding on a guess");
        });
    }

    [Test]
    public void TalosLinter_takes_the_Talos_version_and_the_setting_too()
    {
        const string config = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cilium-config, namespace: kube-system}
            data: {enable-bpf-masquerade: "true"}
            """;

        Assert.Multiple(() =>
        {
            Assert.That(TalosLinter.Lint(config, new TalosLintOptions { TalosVersion = "1.12" }).Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR6011" }));
            Assert.That(TalosLinter.Lint(config, new TalosLintOptions { TalosVersion = "1.12", TalosDnsForwarding = false }).Diagnostics, Is.Empty);
            Assert.That(TalosLinter.Lint(config).Diagnostics, Is.Empty);
            Assert.That(TalosLinter.Lint(config, new TalosLintOptions { TalosVersion = "one" }).Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR5002" }));
        });
    }

    // ---- TCR6012 and the Gateway API CRDs in the Talos patch ----

    [Test]
    public async Task Gateway_api_with_the_file_layout_is_TCR6012_naming_the_version_of_the_minor()
    {
        var result = await _renders.RenderAsync(_renders.Request("1.18.1") with { Features = ["gateway-api"] });
        var finding = result.Diagnostics.Single(d => d.Code == "TCR6012");

        Assert.That(finding.Message, Does.Contain("Cilium 1.18 needs the CRDs of Gateway API v1.3.0"));
    }

    [Test]
    public async Task Gateway_api_for_a_minor_whose_version_is_unknown_is_TCR6012_saying_so_and_the_patch_lists_nothing()
    {
        var result = await _renders.RenderAsync(_renders.Request("1.17.18") with { Features = ["gateway-api"], Layout = OutputLayout.Talos, TalosVersion = "1.14" });
        var finding = result.Diagnostics.Single(d => d.Code == "TCR6012");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Message, Does.Contain("the Gateway API version is unknown for Cilium 1.17"));
            Assert.That(result.TalosPatch, Does.Not.Contain("KubeExternalManifestConfig"));
        });
    }

    [Test]
    public async Task TCR6012_does_not_fire_on_the_default_render()
    {
        var result = await _renders.RenderAsync(_renders.Request());
        Assert.That(Codes(result), Does.Not.Contain("TCR6012"));
    }

    [TestCase("1.18.1", "1.13", "v1.3.0")]
    [TestCase("1.18.1", "1.14", "v1.3.0")]
    [TestCase("1.19.6", "1.13", "v1.4.1")]
    [TestCase("1.19.6", "1.14", "v1.4.1")]
    public async Task Talos_patch_installs_the_gateway_api_crds_of_the_minor_and_validates(string chart, string talos, string gatewayApi)
    {
        var result = await _renders.RenderAsync(_renders.Request(chart) with { Features = ["gateway-api"], Layout = OutputLayout.Talos, TalosVersion = talos });
        var patch = YamlReader.ReadDocuments(result.TalosPatch!, "patch");
        var urls = talos == "1.13"
            ? ((YamlSequenceNode)((YamlMappingNode)patch.Single().Root).GetPath("cluster", "extraManifests")!).Children.Select(n => ((YamlScalarNode)n).Value!).ToArray()
            : patch.Select(d => (YamlMappingNode)d.Root).Where(d => d.GetString("kind") == "KubeExternalManifestConfig").Select(d => d.GetString("url")!).ToArray();
        var expected = new[] { "standard/gateway.networking.k8s.io_gatewayclasses", "standard/gateway.networking.k8s.io_gateways", "standard/gateway.networking.k8s.io_httproutes", "standard/gateway.networking.k8s.io_referencegrants", "standard/gateway.networking.k8s.io_grpcroutes", "experimental/gateway.networking.k8s.io_tlsroutes" }
            .Select(f => $"https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/{gatewayApi}/config/crd/{f}.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(urls, Is.EqualTo(expected));
            Assert.That(Codes(result), Does.Not.Contain("TCR6012"), "the patch installs them");
            foreach (var document in TalosConfig.Complete(talos, patch))
            {
                Assert.That(TalosSchema.Violations(talos, document), Is.Empty, () => YamlWriter.WriteNode(document)[..Math.Min(400, YamlWriter.WriteNode(document).Length)]);
            }
        });
    }

    // ---- TCR6006 both ways ----

    [Test]
    public async Task Patch_that_turns_the_replacement_on_while_the_talos_patch_keeps_kube_proxy_is_TCR6006()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            patches:
            - patch: |-
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cilium-config
                  namespace: kube-system
                data:
                  kube-proxy-replacement: "true"
            """);
        var request = _renders.Request() with { Preset = "talos-kube-proxy", Layout = OutputLayout.Talos, TalosVersion = "1.14" };

        var patched = await _renders.RenderAsync(request with { Kustomization = temp.Combine("overlay") });
        var plain = await _renders.RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(patched.Diagnostics.Single(d => d.Code == "TCR6006").Message, Does.Contain("the patch keeps kube-proxy but ConfigMap kube-system/cilium-config has kube-proxy-replacement: \"true\""));
            Assert.That(patched.TalosPatch, Does.Not.Contain("kind: KubeProxyConfig"), "the values kept kube-proxy");
            Assert.That(Codes(plain), Does.Not.Contain("TCR6006"));
        });
    }

    [Test]
    public async Task TCR6006_reads_the_decision_from_the_context_not_the_layout()
    {
        // A file-layout render (no patch of its own), linted as if a Talos patch were produced beside it.
        var result = await _renders.RenderAsync(_renders.Request());
        var documents = YamlReader.ReadDocuments(result.Manifest!, "render");
        IReadOnlyList<string> Run(bool? disables) =>
            LintEngine.Run(new LintContext(documents, talosPatchDisablesKubeProxy: disables), new HashSet<string>(), asErrors: false, _ => default).Select(d => d.Code).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Run(null), Does.Not.Contain("TCR6006"), "no Talos patch");
            Assert.That(Run(true), Does.Not.Contain("TCR6006"), "patch and cilium-config agree");
            Assert.That(Run(false), Does.Contain("TCR6006"), "the patch would keep kube-proxy beside the replacement");
        });
    }

    // ---- KubePrism in the Talos patch ----

    [TestCase("1.13", 7446)]
    [TestCase("1.14", 7446)]
    [TestCase("1.13", KubePrismEndpoint.DefaultPort)]
    [TestCase("1.14", KubePrismEndpoint.DefaultPort)]
    public async Task Talos_patch_enables_kubeprism_on_the_port_cilium_uses_and_validates(string talos, int port)
    {
        var result = await _renders.RenderAsync(_renders.Request() with
        {
            Layout = OutputLayout.Talos, TalosVersion = talos, KubePrism = port == KubePrismEndpoint.DefaultPort ? null : new KubePrismEndpoint(Port: port),
        });
        var patch = YamlReader.ReadDocuments(result.TalosPatch!, "patch");
        var agent = ((YamlSequenceNode)ManifestComparison.Find(YamlReader.ReadDocuments(result.Manifest!, "render"), "DaemonSet", "cilium")!.GetPath("spec", "template", "spec", "containers")!)
            .Children.Cast<YamlMappingNode>().Single(c => c.GetString("name") == "cilium-agent");
        var agentPort = ((YamlSequenceNode)agent.Get("env")!).Children.Cast<YamlMappingNode>().Single(e => e.GetString("name") == "KUBERNETES_SERVICE_PORT").GetString("value");
        var written = talos == "1.13"
            ? ((YamlMappingNode)patch.Single().Root).GetPath("machine", "features", "kubePrism") as YamlMappingNode
            : patch.Select(d => (YamlMappingNode)d.Root).SingleOrDefault(d => d.GetString("kind") == "KubePrismConfig");

        Assert.Multiple(() =>
        {
            Assert.That(agentPort, Is.EqualTo(port.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Cilium's side: the agent's KUBERNETES_SERVICE_PORT");
            Assert.That(written, Is.Not.Null, "the patch's side");
            Assert.That(written!.GetString("port"), Is.EqualTo(port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (talos == "1.13")
            {
                Assert.That(written!.GetString("enabled"), Is.EqualTo("true"));
            }

            Assert.That(Codes(result), Does.Not.Contain("TCR6004"));
            foreach (var document in TalosConfig.Complete(talos, patch))
            {
                Assert.That(TalosSchema.Violations(talos, document), Is.Empty, () => YamlWriter.WriteNode(document)[..Math.Min(400, YamlWriter.WriteNode(document).Length)]);
            }
        });
    }

    [TestCase("1.13")]
    [TestCase("1.14")]
    public async Task Preset_without_kubeprism_leaves_kubeprism_out_of_the_patch(string talos)
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Preset = "talos-kube-proxy", Layout = OutputLayout.Talos, TalosVersion = talos });

        Assert.That(result.TalosPatch, Does.Not.Contain("kubePrism").And.Not.Contain("KubePrismConfig"));
    }
}
