using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.GitOps;

/// <summary>
/// Issue 15, deliverable 2: a Flux HelmRelease (with its HelmRepository or OCIRepository) and an Argo CD Application
/// written with the render, for a controller that renders the chart itself. Real helm 3, the chart served by a
/// loopback chart repository (or pre-seeded in the cache under an oci:// registry), and the objects validated against
/// the controllers' own CRD schemas from ../shared/gitops-crds.
/// </summary>
public sealed class GitOpsCompanionTests
{
    private const string OciRegistry = "oci://registry.example/charts";

    private static readonly CrdSchemaValidator Crds = new(
        [.. new[]
        {
            "helm.toolkit.fluxcd.io_helmreleases.yaml", "source.toolkit.fluxcd.io_helmrepositories.yaml",
            "source.toolkit.fluxcd.io_ocirepositories.yaml", "argoproj.io_applications.yaml",
        }.Select(f => Path.Combine(TestPaths.Shared, "gitops-crds", f))]);

    private LoopbackChartRepository _repository = null!;

    [OneTimeSetUp]
    public void StartRepository() => _repository = new LoopbackChartRepository(TestPaths.Charts);

    [OneTimeTearDown]
    public void StopRepository() => _repository.Dispose();

    private RenderRequest Request(TempDirectory temp) => new()
    {
        Chart = "cilium",
        Repository = _repository.Url,
        Version = "1.18.1",
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        ChartCacheDirectory = temp.Combine("cache"),
        OutputPath = temp.Combine("cilium-manifests.yaml"),
    };

    private static async Task<RenderResult> RenderAsync(RenderRequest request, bool expectSuccess = true)
    {
        var result = await new ManifestRenderer().RenderAsync(request);
        if (expectSuccess)
        {
            Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics));
        }

        return result;
    }

    private static IReadOnlyList<YamlMappingNode> Objects(string path) =>
        YamlReader.ReadDocuments(File.ReadAllText(path), path).Select(d => (YamlMappingNode)d.Root).ToList();

    private static YamlMappingNode Only(string path, string kind) => Objects(path).Single(o => o.GetString("kind") == kind);

    private static YamlNode ParseValues(string yaml) => YamlReader.ReadDocuments(yaml, "values")[0].Root;

    [Test]
    public async Task Flux_and_Argo_CD_companions_of_the_seed_with_hubble_relay_and_a_values_file_carry_exactly_the_effective_values()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "operator:\n  replicas: 1\nhubble:\n  relay:\n    replicas: 2\nbandwidthManager:\n  enabled: true\n");
        var request = Request(temp) with
        {
            Features = ["hubble-relay", "gateway-api"],
            ValuesFiles = [temp.Combine("values.yaml")],
            SetValues = ["ipv6.enabled=false"],
            FluxHelmReleasePath = temp.Combine("flux", "cilium-helmrelease.yaml"),
            ArgoCdApplicationPath = temp.Combine("cilium-application.yaml"),
        };
        Directory.CreateDirectory(temp.Combine("flux"));

        var result = await RenderAsync(request);
        var values = await new ManifestRenderer().ComputeValuesAsync(request with { OutputPath = null });
        Assert.That(values.Succeeded, Is.True, () => string.Join('\n', values.Diagnostics));
        var expected = ParseValues(values.EffectiveValues!);

        var fluxText = File.ReadAllText(request.FluxHelmReleasePath!);
        var argoText = File.ReadAllText(request.ArgoCdApplicationPath!);
        var helmRelease = Only(request.FluxHelmReleasePath!, "HelmRelease");
        var helmRepository = Only(request.FluxHelmReleasePath!, "HelmRepository");
        var application = Only(request.ArgoCdApplicationPath!, "Application");

        Assert.Multiple(() =>
        {
            Assert.That(Crds.Validate(fluxText), Is.Empty, "the HelmRelease and HelmRepository validate against Flux's CRDs");
            Assert.That(Crds.Validate(argoText), Is.Empty, "the Application validates against Argo CD's CRD");
            Assert.That(result.FluxHelmRelease, Is.EqualTo(fluxText));
            Assert.That(result.ArgoCdApplication, Is.EqualTo(argoText));

            // Exactly the values `talos-cilium values` prints (ComputeValuesAsync is what it prints), compared as YAML.
            Assert.That(YamlEquivalence.Differences(expected, helmRelease.GetPath("spec", "values")), Is.Empty);
            Assert.That(YamlEquivalence.Differences(expected, ParseValues(application.GetPath("spec", "source", "helm", "values")!.ToString())), Is.Empty);
            Assert.That(application.GetPath("spec", "source", "helm", "values")!.ToString(), Is.EqualTo(values.EffectiveValues), "Argo CD gets the values file helm read, byte for byte");
            Assert.That(helmRelease.GetPath("spec", "values", "upgradeCompatibility"), Is.Null, "a new output sets no upgradeCompatibility");

            // Same chart, version, release and namespace.
            Assert.That(helmRepository.GetPath("spec", "url")!.ToString(), Is.EqualTo(_repository.Url));
            Assert.That(helmRelease.GetPath("spec", "chart", "spec", "chart")!.ToString(), Is.EqualTo("cilium"));
            Assert.That(helmRelease.GetPath("spec", "chart", "spec", "version")!.ToString(), Is.EqualTo("1.18.1"));
            Assert.That(helmRelease.GetPath("spec", "chart", "spec", "sourceRef", "kind")!.ToString(), Is.EqualTo("HelmRepository"));
            Assert.That(helmRelease.GetPath("spec", "chart", "spec", "sourceRef", "name")!.ToString(), Is.EqualTo(helmRepository.GetPath("metadata", "name")!.ToString()));
            Assert.That(helmRelease.GetPath("spec", "chartRef"), Is.Null, "chart and chartRef are exclusive (the CRD's CEL rule)");
            Assert.That(helmRelease.GetPath("spec", "releaseName")!.ToString(), Is.EqualTo("cilium"));
            Assert.That(helmRelease.GetPath("spec", "targetNamespace")!.ToString(), Is.EqualTo("kube-system"));
            Assert.That(helmRelease.GetPath("spec", "postRenderers"), Is.Null);
            Assert.That(application.GetPath("spec", "source", "repoURL")!.ToString(), Is.EqualTo(_repository.Url));
            Assert.That(application.GetPath("spec", "source", "chart")!.ToString(), Is.EqualTo("cilium"));
            Assert.That(application.GetPath("spec", "source", "targetRevision")!.ToString(), Is.EqualTo("1.18.1"));
            Assert.That(application.GetPath("spec", "source", "helm", "releaseName")!.ToString(), Is.EqualTo("cilium"));
            Assert.That(application.GetPath("spec", "source", "helm", "kubeVersion")!.ToString(), Is.EqualTo("1.35.0"));
            Assert.That(((YamlSequenceNode)application.GetPath("spec", "source", "helm", "apiVersions")!).Children.Select(c => c.ToString()),
                Is.EqualTo(new[] { "gateway.networking.k8s.io/v1/GatewayClass" }), "the API version the gateway-api feature declares to helm");
            Assert.That(application.GetPath("spec", "destination", "namespace")!.ToString(), Is.EqualTo("kube-system"));

            // A short provenance comment; no absolute paths.
            Assert.That(fluxText, Does.StartWith("# Generated by talos-cilium "));
            Assert.That(argoText, Does.StartWith("# Generated by talos-cilium "));
            Assert.That(fluxText + argoText, Does.Not.Contain(temp.Path));
        });
    }

    [Test]
    public async Task Companions_are_deterministic_and_untouched_when_unchanged()
    {
        using var temp = new TempDirectory();
        var request = Request(temp) with { FluxHelmReleasePath = temp.Combine("hr.yaml"), ArgoCdApplicationPath = temp.Combine("app.yaml") };
        await RenderAsync(request);
        var first = (File.ReadAllBytes(request.FluxHelmReleasePath!), File.ReadAllBytes(request.ArgoCdApplicationPath!));
        var stamp = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(request.FluxHelmReleasePath!, stamp);

        await RenderAsync(request with { SetValues = [] });

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(request.FluxHelmReleasePath!), Is.EqualTo(first.Item1));
            Assert.That(File.ReadAllBytes(request.ArgoCdApplicationPath!), Is.EqualTo(first.Item2));
            Assert.That(File.GetLastWriteTimeUtc(request.FluxHelmReleasePath!), Is.EqualTo(stamp), "an unchanged companion is not rewritten");
        });
        Snapshot.Match(File.ReadAllText(request.FluxHelmReleasePath!).Replace(_repository.Url, "http://127.0.0.1:PORT", StringComparison.Ordinal), "yaml", "flux");
        Snapshot.Match(File.ReadAllText(request.ArgoCdApplicationPath!).Replace(_repository.Url, "http://127.0.0.1:PORT", StringComparison.Ordinal), "yaml", "argocd");
    }

    [Test]
    public async Task An_oci_chart_gets_an_OCIRepository_referenced_by_chartRef_and_Argo_CDs_native_oci_source()
    {
        using var temp = new TempDirectory();
        var cache = new ChartCache(temp.Combine("cache"));
        var seeded = await cache.AddArchiveAsync(TestPaths.ChartArchive("1.18.1"), OciRegistry, CancellationToken.None);
        Assert.That(seeded.Diagnostic, Is.Null);
        var request = Request(temp) with
        {
            Chart = $"{OciRegistry}/cilium",
            Repository = null,
            FluxHelmReleasePath = temp.Combine("hr.yaml"),
            ArgoCdApplicationPath = temp.Combine("app.yaml"),
        };

        await RenderAsync(request);
        var fluxText = File.ReadAllText(request.FluxHelmReleasePath!);
        var helmRelease = Only(request.FluxHelmReleasePath!, "HelmRelease");
        var ociRepository = Only(request.FluxHelmReleasePath!, "OCIRepository");
        var application = Only(request.ArgoCdApplicationPath!, "Application");

        Assert.Multiple(() =>
        {
            Assert.That(Crds.Validate(fluxText), Is.Empty);
            Assert.That(Crds.Validate(File.ReadAllText(request.ArgoCdApplicationPath!)), Is.Empty);
            Assert.That(ociRepository.GetPath("spec", "url")!.ToString(), Is.EqualTo($"{OciRegistry}/cilium"));
            Assert.That(ociRepository.GetPath("spec", "ref", "tag")!.ToString(), Is.EqualTo("1.18.1"));
            Assert.That(ociRepository.GetPath("spec", "layerSelector", "mediaType")!.ToString(), Is.EqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip"));
            Assert.That(helmRelease.GetPath("spec", "chartRef", "kind")!.ToString(), Is.EqualTo("OCIRepository"));
            Assert.That(helmRelease.GetPath("spec", "chartRef", "name")!.ToString(), Is.EqualTo(ociRepository.GetPath("metadata", "name")!.ToString()));
            Assert.That(helmRelease.GetPath("spec", "chart"), Is.Null, "chart and chartRef are exclusive (the CRD's CEL rule)");
            Assert.That(application.GetPath("spec", "source", "repoURL")!.ToString(), Is.EqualTo($"{OciRegistry}/cilium"));
            Assert.That(application.GetPath("spec", "source", "path")!.ToString(), Is.EqualTo("."));
            Assert.That(application.GetPath("spec", "source", "chart"), Is.Null);
            Assert.That(application.GetPath("spec", "source", "targetRevision")!.ToString(), Is.EqualTo("1.18.1"));
        });
    }

    /// <summary>A realistic overlay: images for the Cilium images, a strategic merge patch, JSON 6902 patches in both fields.</summary>
    private static string WriteOverlay(TempDirectory temp, string extra = "")
    {
        temp.WriteFile("overlay/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            patchesStrategicMerge:
              - operator-resources.yaml
            patches:
              - target:
                  group: apps
                  version: v1
                  kind: DaemonSet
                  name: cilium
                patch: |-
                  - op: add
                    path: /spec/template/metadata/annotations/example.com~1team
                    value: network
            patchesJson6902:
              - target:
                  version: v1
                  kind: ConfigMap
                  name: cilium-config
                path: config-patch.yaml
            images:
              - name: quay.io/cilium/cilium
                newName: registry.example/mirror/cilium
              - name: quay.io/cilium/operator-generic
                newName: registry.example/mirror/operator-generic
            """ + extra);
        temp.WriteFile("overlay/operator-resources.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cilium-operator
              namespace: kube-system
            spec:
              template:
                spec:
                  containers:
                    - name: cilium-operator
                      resources:
                        requests:
                          cpu: 100m
                          memory: 128Mi
            """);
        temp.WriteFile("overlay/config-patch.yaml", "- op: replace\n  path: /data/debug\n  value: \"true\"\n");
        return temp.Combine("overlay");
    }

    [Test]
    public async Task A_realistic_overlay_becomes_the_HelmReleases_post_renderer_and_means_what_the_render_applied()
    {
        using var temp = new TempDirectory();
        var request = Request(temp) with { Kustomization = WriteOverlay(temp), FluxHelmReleasePath = temp.Combine("hr.yaml") };

        var patched = await RenderAsync(request);
        var fluxText = File.ReadAllText(request.FluxHelmReleasePath!);
        var helmRelease = Only(request.FluxHelmReleasePath!, "HelmRelease");
        var kustomize = (YamlMappingNode)((YamlSequenceNode)helmRelease.GetPath("spec", "postRenderers")!).Children.Single()["kustomize"];
        var patches = ((YamlSequenceNode)kustomize["patches"]).Children.Cast<YamlMappingNode>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Crds.Validate(fluxText), Is.Empty);
            Assert.That(patches, Has.Count.EqualTo(3));
            Assert.That(patches[0].GetString("patch"), Is.EqualTo(File.ReadAllText(temp.Combine("overlay", "operator-resources.yaml"))), "the strategic merge patch, verbatim");
            Assert.That(patches[0].Get("target"), Is.Null, "a strategic merge patch selects its object by kind and name");
            Assert.That(patches[1].GetPath("target", "kind")!.ToString(), Is.EqualTo("DaemonSet"));
            Assert.That(patches[1].GetPath("target", "group")!.ToString(), Is.EqualTo("apps"));
            Assert.That(patches[1].GetString("patch"), Does.StartWith("- op: add"));
            Assert.That(patches[2].GetPath("target", "name")!.ToString(), Is.EqualTo("cilium-config"));
            Assert.That(patches[2].GetString("patch"), Is.EqualTo(File.ReadAllText(temp.Combine("overlay", "config-patch.yaml"))));
            Assert.That(((YamlSequenceNode)kustomize["images"]).Children.Cast<YamlMappingNode>().Select(i => i.GetString("newName")),
                Is.EqualTo(new[] { "registry.example/mirror/cilium", "registry.example/mirror/operator-generic" }));
        });

        // What Flux's kustomize gets is a kustomization of those patches and images over helm's output: applied by the
        // render's own engine, it gives exactly the documents the render applied the overlay for.
        var flux = new YamlMappingNode { { "apiVersion", "kustomize.config.k8s.io/v1beta1" }, { "kind", "Kustomization" } };
        foreach (var (key, value) in kustomize.Children)
        {
            flux.Add(key, value);
        }

        temp.WriteFile("flux-post-renderer/kustomization.yaml", YamlWriter.WriteNode(flux));
        var throughFlux = await RenderAsync(request with { Kustomization = temp.Combine("flux-post-renderer"), FluxHelmReleasePath = null, OutputPath = null });
        Assert.That(ManifestDiffOf(patched.Manifest!, throughFlux.Manifest!), Is.Empty);
    }

    private static IEnumerable<string> ManifestDiffOf(string left, string right) =>
        Core.Diff.ManifestDiff.Compare(YamlReader.ReadDocuments(left, "a"), YamlReader.ReadDocuments(right, "b"), Core.Diff.GeneratedMaterialPolicy.Exact)
            .Where(d => d.Resource.Kind != "Secret")
            .Select(d => d.ToString());

    [Test]
    public async Task A_kustomization_Flux_cannot_express_is_TCR5051_listing_what_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: kube-system\n");
        var overlay = WriteOverlay(temp, "\nresources:\n  - extra.yaml\ncommonLabels:\n  team: network\nreplicas:\n  - name: cilium-operator\n    count: 1\n");
        var request = Request(temp) with { Kustomization = overlay, FluxHelmReleasePath = temp.Combine("hr.yaml") };

        var result = await RenderAsync(request, expectSuccess: false);
        var error = result.Diagnostics.Single(d => d.IsError);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.FluxPostRendererUnsupported));
            Assert.That(error.Message, Does.Contain("resources (extra.yaml)").And.Contain("commonLabels").And.Contain("replicas"));
            Assert.That(error.File, Does.EndWith("kustomization.yaml"));
            Assert.That(File.Exists(request.OutputPath!), Is.False, "the render writes nothing");
            Assert.That(File.Exists(request.FluxHelmReleasePath!), Is.False);
        });
    }

    [Test]
    public void Argo_CD_with_a_kustomization_is_TCR5052()
    {
        using var temp = new TempDirectory();
        var problems = RequestValidator.Validate(Request(temp) with { Kustomization = WriteOverlay(temp), ArgoCdApplicationPath = temp.Combine("app.yaml") }, valuesOnly: false);
        Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.ArgoCdKustomizationUnsupported }));
    }

    [Test]
    public async Task A_local_chart_is_TCR5050_naming_the_fix_before_helm_runs_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var request = Request(temp) with
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            Repository = null,
            FluxHelmReleasePath = temp.Combine("hr.yaml"),
            ArgoCdApplicationPath = temp.Combine("app.yaml"),
        };

        var result = await RenderAsync(request, expectSuccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.GitOpsChartNotReferenceable, DiagnosticCodes.GitOpsChartNotReferenceable }));
            Assert.That(result.Diagnostics[0].Message, Does.Contain("--chart NAME --repo URL").And.Contain("oci://"));
            Assert.That(result.HelmVersion, Is.Null, "refused before helm runs");
            Assert.That(Directory.GetFiles(temp.Path), Is.Empty);
        });
    }

    [Test]
    public void Credentials_in_the_repository_URL_are_TCR5053_and_conflicting_paths_TCR5054()
    {
        using var temp = new TempDirectory();
        var credentials = RequestValidator.Validate(Request(temp) with { Repository = "https://user:secret@charts.example", FluxHelmReleasePath = "hr.yaml" }, valuesOnly: false);
        var samePath = RequestValidator.Validate(Request(temp) with { FluxHelmReleasePath = temp.Combine("x.yaml"), ArgoCdApplicationPath = temp.Combine("x.yaml") }, valuesOnly: false);
        var isOutput = RequestValidator.Validate(Request(temp) with { FluxHelmReleasePath = temp.Combine("cilium-manifests.yaml") }, valuesOnly: false);
        var inFolder = RequestValidator.Validate(Request(temp) with { Layout = OutputLayout.Directory, OutputPath = temp.Combine("out"), ArgoCdApplicationPath = temp.Combine("out", "app.yaml") }, valuesOnly: false);
        var preflight = RequestValidator.Validate(Request(temp) with { Preflight = true, FluxHelmReleasePath = temp.Combine("hr.yaml") }, valuesOnly: false);

        Assert.Multiple(() =>
        {
            Assert.That(credentials.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.GitOpsRepositoryCredentials }));
            Assert.That(credentials[0].Message, Does.Not.Contain("secret@").Or.Contain("user:secret@charts.example"), "the URL is the user's own input");
            Assert.That(samePath.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.GitOpsCompanionPathConflict }));
            Assert.That(isOutput.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.GitOpsCompanionPathConflict }));
            Assert.That(inFolder.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.GitOpsCompanionPathConflict }));
            Assert.That(preflight.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.InvalidOption }));
        });
    }

    [Test]
    public async Task Check_mode_compares_the_companions_and_a_stale_or_missing_one_is_TCR0008_naming_the_file()
    {
        using var temp = new TempDirectory();
        var request = Request(temp) with { FluxHelmReleasePath = temp.Combine("hr.yaml"), ArgoCdApplicationPath = temp.Combine("app.yaml") };
        await RenderAsync(request);
        var check = request with { Mode = OutputMode.Check };

        var upToDate = await RenderAsync(check);

        // A value changed by hand in the HelmRelease, and the Application deleted.
        File.WriteAllText(request.FluxHelmReleasePath!, File.ReadAllText(request.FluxHelmReleasePath!).Replace("kubeProxyReplacement: true", "kubeProxyReplacement: false", StringComparison.Ordinal));
        var applicationBytes = File.ReadAllBytes(request.ArgoCdApplicationPath!);
        File.Delete(request.ArgoCdApplicationPath!);
        var manifestBytes = File.ReadAllBytes(request.OutputPath!);
        var stale = await RenderAsync(check, expectSuccess: false);

        // Changing the input makes both stale; check mode writes nothing.
        File.WriteAllBytes(request.ArgoCdApplicationPath!, applicationBytes);
        var changedInput = await RenderAsync(check with { SetValues = ["operator.replicas=1"] }, expectSuccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(upToDate.Diagnostics.Where(d => d.IsError), Is.Empty);
            Assert.That(stale.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.File)), Is.EquivalentTo(new[]
            {
                (DiagnosticCodes.OutputStale, request.FluxHelmReleasePath),
                (DiagnosticCodes.OutputStale, request.ArgoCdApplicationPath),
            }));
            Assert.That(stale.Diagnostics.First(d => d.File == request.FluxHelmReleasePath).Message, Does.Contain("changed helm.toolkit.fluxcd.io/v2 HelmRelease flux-system/cilium: spec.values.kubeProxyReplacement"));
            Assert.That(stale.Diagnostics.First(d => d.File == request.ArgoCdApplicationPath).Message, Does.Contain("does not exist"));
            Assert.That(File.ReadAllBytes(request.OutputPath!), Is.EqualTo(manifestBytes));
            Assert.That(changedInput.Diagnostics.Where(d => d.IsError).Select(d => d.File), Is.EquivalentTo(new[] { request.OutputPath, request.FluxHelmReleasePath, request.ArgoCdApplicationPath }));
        });
    }

    [Test]
    public async Task A_failed_render_writes_no_companion()
    {
        using var temp = new TempDirectory();
        var request = Request(temp) with { SetValues = ["hubble.relay.enabeld=true"], FluxHelmReleasePath = temp.Combine("hr.yaml"), ArgoCdApplicationPath = temp.Combine("app.yaml") };

        var result = await RenderAsync(request, expectSuccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.UnknownValue));
            Assert.That(File.Exists(request.FluxHelmReleasePath!), Is.False);
            Assert.That(File.Exists(request.ArgoCdApplicationPath!), Is.False);
            Assert.That(result.FluxHelmRelease, Is.Null);
        });
    }
}
