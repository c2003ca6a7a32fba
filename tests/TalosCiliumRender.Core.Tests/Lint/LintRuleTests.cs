using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Lint;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Lint;

/// <summary>
/// Every Talos lint rule triggered by a real render (values), then silenced by the suppression list and by the
/// resource annotation. Renders are shared: one per scenario.
/// </summary>
public sealed class LintRuleTests
{
    private RealRenders _renders = null!;

    [OneTimeSetUp]
    public void CreateRenders() => _renders = new RealRenders();

    [OneTimeTearDown]
    public void DisposeRenders() => _renders.Dispose();

    /// <summary>Which render makes each rule fire.</summary>
    public static IEnumerable<TestCaseData> Triggers()
    {
        yield return new TestCaseData("TCR6001", Scenario.ChartDefaultsWithReplacement).SetName("TCR6001 SYS_MODULE from the chart's default capabilities");
        yield return new TestCaseData("TCR6002", Scenario.ChartDefaultsWithReplacement).SetName("TCR6002 cgroup automount from the chart default");
        yield return new TestCaseData("TCR6003", Scenario.ChartDefaultsWithReplacement).SetName("TCR6003 kube-proxy replacement without KubePrism");
        yield return new TestCaseData("TCR6004", Scenario.WrongPortAndGatewayValue).SetName("TCR6004 k8sServicePort not the KubePrism port");
        yield return new TestCaseData("TCR6005", Scenario.ServiceHostAuto).SetName("TCR6005 k8sServiceHost auto");
        yield return new TestCaseData("TCR6006", Scenario.TalosPatchButReplacementOff).SetName("TCR6006 Talos patch disables kube-proxy, cilium-config does not replace it");
        yield return new TestCaseData("TCR6007", Scenario.WrongPortAndGatewayValue).SetName("TCR6007 Hubble TLS from helm without carry-over");
        yield return new TestCaseData("TCR6008", Scenario.WrongPortAndGatewayValue).SetName("TCR6008 private keys in plain text");
        yield return new TestCaseData("TCR6009", Scenario.WrongPortAndGatewayValue).SetName("TCR6009 gatewayAPI.enabled without GatewayClass");
    }

    public enum Scenario
    {
        ChartDefaultsWithReplacement,
        WrongPortAndGatewayValue,
        ServiceHostAuto,
        TalosPatchButReplacementOff,
    }

    private RenderRequest RequestFor(Scenario scenario) => scenario switch
    {
        Scenario.ChartDefaultsWithReplacement => _renders.Request() with { Preset = "none", SetValues = ["kubeProxyReplacement=true"] },
        Scenario.WrongPortAndGatewayValue => _renders.Request() with { SetValues = ["k8sServicePort=7446", "gatewayAPI.enabled=true"] },
        Scenario.ServiceHostAuto => _renders.Request() with { SetValues = ["k8sServiceHost=auto"] },
        _ => _renders.Request(),
    };

    /// <summary>The documents of the scenario's render as the linter sees them, and the context to lint them in.</summary>
    private async Task<(RenderResult Result, LintContext Context)> ContextAsync(Scenario scenario)
    {
        var result = await _renders.RenderAsync(RequestFor(scenario));
        var documents = YamlReader.ReadDocuments(result.Manifest!, "render");
        var values = YamlReader.ReadSingleMapping(result.EffectiveValues!, "values", "values");
        if (scenario == Scenario.TalosPatchButReplacementOff)
        {
            // What a kustomize patch of cilium-config would do after the values asked for the replacement.
            var config = (YamlMappingNode)ManifestComparison.Find(documents, "ConfigMap", "cilium-config")!.Get("data")!;
            config.Children[new YamlScalarNode("kube-proxy-replacement")] = ScalarFactory.String("false");
        }

        return (result, new LintContext(documents, values, talosPatchDisablesKubeProxy: scenario == Scenario.TalosPatchButReplacementOff ? true : null, freshHelmRender: true));
    }

    private static IReadOnlyList<Diagnostic> Run(LintContext context, params string[] suppressed) =>
        LintEngine.Run(context, suppressed.ToHashSet(), asErrors: false, _ => default);

    [TestCaseSource(nameof(Triggers))]
    public async Task Rule_fires(string code, Scenario scenario)
    {
        var (result, context) = await ContextAsync(scenario);
        var diagnostics = scenario == Scenario.TalosPatchButReplacementOff ? Run(context) : result.Diagnostics;

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Does.Contain(code));
            Assert.That(diagnostics.Where(d => d.Code == code).Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(diagnostics.Count(d => d.Code == code), Is.EqualTo(1), "one diagnostic per rule");
            Assert.That(result.Succeeded, Is.True, "lint warnings do not fail the render");
        });
    }

    [TestCaseSource(nameof(Triggers))]
    public async Task Rule_is_silenced_by_the_suppression_list(string code, Scenario scenario)
    {
        var (_, context) = await ContextAsync(scenario);
        Assert.Multiple(() =>
        {
            Assert.That(Run(context).Select(d => d.Code), Does.Contain(code), "fires without the suppression");
            Assert.That(Run(context, code).Select(d => d.Code), Does.Not.Contain(code));
        });
    }

    [TestCaseSource(nameof(Triggers))]
    public async Task Rule_is_silenced_by_the_annotation_on_the_resource(string code, Scenario scenario)
    {
        var (_, context) = await ContextAsync(scenario);
        var rule = LintEngine.Rules.Single(r => r.Descriptor.Code == code);
        var findings = rule.Check(context).ToArray();
        Assert.That(findings.Select(f => f.DocumentIndex), Is.Not.Empty.And.All.GreaterThanOrEqualTo(0), "every finding names a resource that can carry the annotation");

        foreach (var index in findings.Select(f => f.DocumentIndex).Distinct())
        {
            Annotate(context.Resource(index)!, $"TCR0000, {code}");
        }

        Assert.That(Run(context).Select(d => d.Code), Does.Not.Contain(code));
    }

    [Test]
    public async Task Suppression_list_of_the_request_reaches_the_render()
    {
        var result = await _renders.RenderAsync(RequestFor(Scenario.WrongPortAndGatewayValue) with { SuppressedLints = ["TCR6004", "tcr6009"] });
        var codes = result.Diagnostics.Select(d => d.Code).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(codes, Does.Not.Contain("TCR6004").And.Not.Contain("TCR6009"));
            Assert.That(codes, Does.Contain("TCR6008"), "other rules still run");
        });
    }

    [Test]
    public async Task Lint_can_be_switched_off()
    {
        var result = await _renders.RenderAsync(RequestFor(Scenario.WrongPortAndGatewayValue) with { Lint = false });
        Assert.That(result.Diagnostics.Select(d => d.Code), Has.None.StartsWith("TCR6"));
    }

    [Test]
    public async Task Talos_preset_with_the_cronjob_tls_feature_is_lint_clean_but_for_the_gateway_api_crds_reminder()
    {
        var result = await _renders.RenderAsync(_renders.Request() with { Features = ["hubble-relay", "hubble-tls-cronjob", "gateway-api"] });
        var documents = YamlReader.ReadDocuments(result.Manifest!, "render");

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR6012" }), "the file layout cannot install the Gateway API CRDs");
            Assert.That(ManifestComparison.OfKind(documents, "Secret"), Is.Empty, "the CronJob makes the certificates in the cluster");
            Assert.That(ManifestComparison.Find(documents, "CronJob", "hubble-generate-certs"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Lint_errors_fail_the_render_and_write_nothing()
    {
        using var temp = new TempDirectory();
        var output = temp.WriteFile("cilium.yaml", "precious\n");
        var result = await _renders.RenderAsync(RequestFor(Scenario.ChartDefaultsWithReplacement) with { LintAsErrors = true, OutputPath = output }, expectSuccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Diagnostics.Where(d => d.Code.StartsWith("TCR6", StringComparison.Ordinal)).Select(d => d.Severity), Is.Not.Empty.And.All.EqualTo(DiagnosticSeverity.Error));
            Assert.That(File.ReadAllText(output), Is.EqualTo("precious\n"));
            Assert.That(result.Manifest, Is.Null);
        });
    }

    [Test]
    public async Task Findings_point_at_the_line_of_the_resource_in_the_output_file()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("cilium.yaml");
        var result = await _renders.RenderAsync(RequestFor(Scenario.ChartDefaultsWithReplacement) with { OutputPath = output });
        var sysModule = result.Diagnostics.Single(d => d.Code == "TCR6001");
        var lines = File.ReadAllLines(output);

        Assert.Multiple(() =>
        {
            Assert.That(sysModule.File, Is.EqualTo(output));
            Assert.That(sysModule.Line, Is.Not.Null);
            Assert.That(lines[sysModule.Line!.Value - 1], Is.EqualTo("apiVersion: apps/v1"));
            Assert.That(lines[sysModule.Line!.Value], Is.EqualTo("kind: DaemonSet"));
            Assert.That(sysModule.Message, Does.Contain("DaemonSet kube-system/cilium"));
        });
    }

    [Test]
    public async Task Private_key_material_never_reaches_a_message()
    {
        var (result, _) = await ContextAsync(Scenario.WrongPortAndGatewayValue);
        var secrets = ManifestComparison.OfKind(YamlReader.ReadDocuments(result.Manifest!, "render"), "Secret").ToArray();
        var material = secrets.SelectMany(s => ((YamlMappingNode)s.Get("data")!).Children.Values).Select(v => ((YamlScalarNode)v).Value!).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(material, Is.Not.Empty);
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.That(material.Any(m => diagnostic.Message.Contains(m[..40], StringComparison.Ordinal)), Is.False, diagnostic.Code);
                Assert.That(diagnostic.Message, Does.Not.Contain("BEGIN"));
            }
        });
    }

    private static void Annotate(YamlMappingNode resource, string codes)
    {
        var metadata = (YamlMappingNode)resource.Get("metadata")!;
        if (metadata.Get("annotations") is not YamlMappingNode annotations)
        {
            annotations = new YamlMappingNode();
            metadata.Children[new YamlScalarNode("annotations")] = annotations;
        }

        annotations.Children[new YamlScalarNode(TalosLinter.SuppressAnnotation)] = ScalarFactory.String(codes);
    }

    [Test]
    public async Task Patch_that_turns_kube_proxy_replacement_off_under_the_talos_layout_is_TCR6006()
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
                  kube-proxy-replacement: "false"
            """);
        var request = _renders.Request() with { Kustomization = temp.Combine("overlay"), Layout = OutputLayout.Talos, TalosVersion = "1.14" };

        var patched = await _renders.RenderAsync(request);
        var suppressed = await _renders.RenderAsync(request with { SuppressedLints = ["TCR6006"] });

        Assert.Multiple(() =>
        {
            Assert.That(patched.Diagnostics.Select(d => d.Code), Does.Contain("TCR6006"));
            Assert.That(patched.TalosPatch, Does.Contain("kind: KubeProxyConfig"), "the values asked for the replacement, so the patch disables kube-proxy");
            Assert.That(suppressed.Diagnostics.Select(d => d.Code), Does.Not.Contain("TCR6006"));
        });
    }

    [Test]
    public async Task Annotation_added_by_a_patch_suppresses_the_findings_for_that_resource()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            patches:
            - target: {kind: Secret}
              patch: |-
                apiVersion: v1
                kind: Secret
                metadata:
                  name: any
                  annotations:
                    talos-cilium.io/suppress: TCR6007, TCR6008
            """);

        var result = await _renders.RenderAsync(_renders.Request() with { Kustomization = temp.Combine("overlay") });
        var plain = await _renders.RenderAsync(_renders.Request());

        Assert.Multiple(() =>
        {
            Assert.That(plain.Diagnostics.Select(d => d.Code), Does.Contain("TCR6007").And.Contain("TCR6008"));
            Assert.That(result.Diagnostics.Select(d => d.Code), Does.Not.Contain("TCR6007").And.Not.Contain("TCR6008"));
        });
    }
}
