using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Presets;

public sealed class PresetCatalogTests
{
    /// <summary>The eight flags of the Talos guide's `helm template` command, verbatim.</summary>
    public static readonly string[] SeedSetFlags =
    [
        "ipam.mode=kubernetes",
        "kubeProxyReplacement=true",
        "securityContext.capabilities.ciliumAgent={CHOWN,KILL,NET_ADMIN,NET_RAW,IPC_LOCK,SYS_ADMIN,SYS_RESOURCE,DAC_OVERRIDE,FOWNER,SETGID,SETUID}",
        "securityContext.capabilities.cleanCiliumState={NET_ADMIN,SYS_ADMIN,SYS_RESOURCE}",
        "cgroup.autoMount.enabled=false",
        "cgroup.hostRoot=/sys/fs/cgroup",
        "k8sServiceHost=localhost",
        "k8sServicePort=7445",
    ];

    private static YamlMappingNode TalosValues(string version, KubePrismEndpoint? kubePrism = null, string preset = PresetCatalog.Talos) =>
        PresetCatalog.Get(preset).BuildValues(Version.Parse(version), kubePrism ?? new KubePrismEndpoint())
        ?? throw new AssertionException($"no values for {version}");

    [Test]
    public void Talos_preset_on_1_18_is_exactly_the_seed_flags()
    {
        var seed = ValuesMerger.MergeAll(SeedSetFlags.Select(SetValueParser.Parse));
        var differences = YamlEquivalence.Differences(seed, TalosValues("1.18"));
        Assert.That(differences, Is.Empty);
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public void Capabilities_are_the_chart_defaults_without_SYS_MODULE(string chartVersion)
    {
        var chartValues = YamlReader.ReadSingleMapping(ChartFiles.Read(TestPaths.ChartArchive(chartVersion), "values.yaml"), "values.yaml", "Chart values");
        var preset = TalosValues(chartVersion);
        foreach (var list in new[] { "ciliumAgent", "cleanCiliumState" })
        {
            var chartDefault = Strings(chartValues.GetPath("securityContext", "capabilities", list));
            var expected = chartDefault.Where(c => c != "SYS_MODULE").ToArray();
            Assert.That(Strings(preset.GetPath("securityContext", "capabilities", list)), Is.EqualTo(expected), $"{list} for Cilium {chartVersion}");
        }
    }

    [Test]
    public void Talos_1_19_adds_SYSLOG_that_the_chart_grants_from_1_19()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Strings(TalosValues("1.19").GetPath("securityContext", "capabilities", "ciliumAgent")), Does.Contain("SYSLOG"));
            Assert.That(Strings(TalosValues("1.18").GetPath("securityContext", "capabilities", "ciliumAgent")), Does.Not.Contain("SYSLOG"));
        });
    }

    [Test]
    public void KubePrism_endpoint_is_configurable()
    {
        var values = TalosValues("1.18", new KubePrismEndpoint("127.0.0.1", 7446));
        Assert.That(YamlWriter.WriteNode(values), Does.Contain("k8sServiceHost: 127.0.0.1\nk8sServicePort: 7446\n"));
    }

    [Test]
    public void Kube_proxy_variant_turns_replacement_off_and_leaves_the_api_server_to_the_service()
    {
        var values = TalosValues("1.18", preset: PresetCatalog.TalosKubeProxy);
        Assert.Multiple(() =>
        {
            Assert.That(values.GetString("kubeProxyReplacement"), Is.EqualTo("false"));
            Assert.That(values.Get("k8sServiceHost"), Is.Null);
            Assert.That(values.Get("k8sServicePort"), Is.Null);
            Assert.That(values.GetPath("cgroup", "hostRoot")?.ToString(), Is.EqualTo("/sys/fs/cgroup"));
        });
    }

    [Test]
    public void None_is_empty()
    {
        Assert.That(TalosValues("1.18", preset: PresetCatalog.None).Children, Is.Empty);
    }

    [TestCase("1.15")]
    [TestCase("1.21")]
    [TestCase("2.0")]
    public void Talos_has_no_values_outside_the_supported_range(string version)
    {
        Assert.That(PresetCatalog.Get(PresetCatalog.Talos).BuildValues(Version.Parse(version), new KubePrismEndpoint()), Is.Null);
    }

    [Test]
    public void Unknown_preset_is_TCR0002()
    {
        var error = Assert.Throws<DiagnosticException>(() => PresetCatalog.Get("talso"))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR0002"));
    }

    private static string[] Strings(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children.Cast<YamlScalarNode>().Select(s => s.Value!).ToArray() : throw new AssertionException("not a list");
}
