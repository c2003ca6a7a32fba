using System.Collections.Concurrent;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Rendering;

/// <summary>Renders with the real pinned helm binaries; each distinct render runs once and serves every assertion that needs it.</summary>
public sealed class ManifestRendererTests
{
    private static readonly string[] HubbleUi = ["hubble-relay", "hubble-ui"];
    private static readonly string[] AllFeatures = [.. FeatureCatalog.All.Select(f => f.Name)];

    private readonly ConcurrentDictionary<string, Lazy<Task<RenderResult>>> _renders = new();
    private TempDirectory _cache = null!;

    [OneTimeSetUp]
    public void CreateCache() => _cache = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteCache() => _cache.Dispose();

    private Task<RenderResult> RenderAsync(string helmVersion, string chartVersion, string[]? features = null, string[]? set = null, string? kubeVersion = null)
    {
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive(chartVersion),
            HelmPath = TestPaths.Helm(helmVersion),
            Features = features ?? [],
            SetValues = set ?? [],
            KubeVersion = kubeVersion ?? RenderRequest.DefaultKubeVersion,
            ChartCacheDirectory = _cache.Path,
        };
        var key = string.Join('|', helmVersion, chartVersion, string.Join(',', request.Features), string.Join(',', request.SetValues), request.KubeVersion);
        return _renders.GetOrAdd(key, _ => new Lazy<Task<RenderResult>>(async () =>
        {
            var result = await new ManifestRenderer().RenderAsync(request);
            Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics));
            return result;
        })).Value;
    }

    private static IReadOnlyList<ManifestDocument> Documents(RenderResult result) => YamlReader.ReadDocuments(result.Manifest!, "render");

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Helm_3_and_helm_4_render_the_same_documents(string chartVersion)
    {
        var helm3 = await RenderAsync(TestPaths.Helm3Version, chartVersion, HubbleUi);
        var helm4 = await RenderAsync(TestPaths.Helm4Version, chartVersion, HubbleUi);

        Assert.Multiple(() =>
        {
            Assert.That(helm3.HelmVersion, Does.StartWith("v3.17.3"));
            Assert.That(helm4.HelmVersion, Does.StartWith("v4.1.4"));
            Assert.That(ManifestComparison.Differences(helm3.Manifest!, helm4.Manifest!), Is.Empty);
            Assert.That(helm3.Chart, Is.EqualTo(helm4.Chart));
            Assert.That(helm3.Chart!.Version, Is.EqualTo(chartVersion));
        });
    }

    [Test]
    public async Task Every_feature_shows_in_the_output()
    {
        var plain = Documents(await RenderAsync(TestPaths.Helm3Version, "1.18.1", HubbleUi));
        var all = Documents(await RenderAsync(TestPaths.Helm3Version, "1.18.1", AllFeatures));
        var config = (YamlMappingNode)ManifestComparison.Find(all, "ConfigMap", "cilium-config")!.Get("data")!;

        Assert.Multiple(() =>
        {
            Assert.That(ManifestComparison.Find(all, "Deployment", "hubble-relay"), Is.Not.Null, "hubble-relay");
            Assert.That(ManifestComparison.Find(all, "Deployment", "hubble-ui"), Is.Not.Null, "hubble-ui");
            Assert.That(config.GetString("enable-hubble"), Is.EqualTo("true"), "hubble");
            Assert.That(config.GetString("enable-bgp-control-plane"), Is.EqualTo("true"), "bgp");
            Assert.That(config.GetString("enable-gateway-api"), Is.EqualTo("true"), "gateway-api");
            Assert.That(ManifestComparison.Find(all, "GatewayClass", "cilium"), Is.Not.Null, "gateway-api renders Cilium's GatewayClass");
            Assert.That(ManifestComparison.OfKind(plain, "GatewayClass"), Is.Empty);
            Assert.That(((YamlMappingNode)ManifestComparison.Find(plain, "ConfigMap", "cilium-config")!.Get("data")!).GetString("enable-bgp-control-plane"), Is.Not.EqualTo("true"));
        });
    }

    [Test]
    public async Task Gateway_api_value_alone_renders_no_GatewayClass_under_helm_template()
    {
        // The reason the feature exists: the chart only renders the class when the cluster serves the API.
        var documents = Documents(await RenderAsync(TestPaths.Helm3Version, "1.18.1", set: ["gatewayAPI.enabled=true"]));
        Assert.That(ManifestComparison.OfKind(documents, "GatewayClass"), Is.Empty);
    }

    [Test]
    public async Task Kube_version_reaches_helm()
    {
        var current = await RenderAsync(TestPaths.Helm3Version, "1.18.1", HubbleUi);
        var old = await RenderAsync(TestPaths.Helm3Version, "1.18.1", HubbleUi, kubeVersion: "1.21.0");
        Assert.That(ManifestComparison.Differences(current.Manifest!, old.Manifest!), Is.Not.Empty);
    }

    [Test]
    public async Task Effective_values_of_the_seed_request_are_approved()
    {
        var result = await new ManifestRenderer().ComputeValuesAsync(new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            ChartCacheDirectory = _cache.Path,
        });
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Succeeded, Is.True, "a values run that produced values succeeded");
            Assert.That(result.Chart?.Version, Is.EqualTo("1.18.1"));
        });
        Snapshot.Match(result.EffectiveValues!, "yaml");
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Unpatched_render_round_trips_to_equal_documents_and_keeps_literal_blocks(string chartVersion)
    {
        var helmOutput = await ReferenceHelm.RunAsync(TestPaths.Helm(TestPaths.Helm3Version),
        [
            "template", "cilium", TestPaths.ChartArchive(chartVersion), "--namespace", "kube-system", "--kube-version", RenderRequest.DefaultKubeVersion,
            "--set", "hubble.relay.enabled=true", "--set", "hubble.ui.enabled=true",
        ]);

        var parsed = YamlReader.ReadDocuments(helmOutput, "helm");
        var written = YamlWriter.Write(parsed);
        var reparsed = YamlReader.ReadDocuments(written, "written");

        Assert.Multiple(() =>
        {
            Assert.That(ManifestComparison.Differences(helmOutput, written), Is.Empty);
            Assert.That(reparsed.Select(d => d.SourceTemplate), Is.EqualTo(parsed.Select(d => d.SourceTemplate)));
            Assert.That(LiteralBlocks(reparsed), Is.EqualTo(LiteralBlocks(parsed)).And.Not.Empty);
            Assert.That(written, Does.Not.Contain("\r"));
            Assert.That(written, Does.Not.Match(@"(?m)(:|-) +[&*][\w-]+\s*$"), "no anchors or aliases");
            foreach (var document in parsed)
            {
                var fast = new System.Text.StringBuilder();
                Assert.That(YamlBlockEmitter.TryWrite(document.Root, fast), Is.True, "the fast writer covers every rendered document");
                Assert.That(fast.ToString(), Is.EqualTo(YamlWriter.WriteNodeWithYamlDotNet(document.Root)), document.SourceTemplate);
            }
        });
    }

    private static string[] LiteralBlocks(IEnumerable<ManifestDocument> documents) =>
        documents.SelectMany(d => d.Root.AllNodes).OfType<YamlScalarNode>().Where(s => s.Style == ScalarStyle.Literal).Select(s => s.Value!).ToArray();
}
