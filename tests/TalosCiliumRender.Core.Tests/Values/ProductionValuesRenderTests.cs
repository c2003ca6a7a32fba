using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Values;

/// <summary>
/// Keeps Data/production-values.yaml, the values check's no-false-positive data, a file real helm renders with
/// every chart, and its settings ones the chart acts on: a key helm silently ignored would make it poor test data.
/// </summary>
public sealed class ProductionValuesRenderTests
{
    private static string DataFile(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Values", "Data", name);

    private static string[] TemplateArguments(string chartVersion, params string[] valuesFiles) =>
    [
        "template", "cilium", TestPaths.ChartArchive(chartVersion), "--namespace", "kube-system",
        .. valuesFiles.SelectMany(file => new[] { "-f", DataFile(file) }),
        // The ServiceMonitors are rendered only for a cluster that serves the Prometheus Operator's API.
        "--api-versions", "monitoring.coreos.com/v1",
        "--set", "ipam.mode=kubernetes,kubeProxyReplacement=true,k8sServiceHost=localhost,k8sServicePort=7445",
    ];

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task The_production_values_render_with_real_helm_and_take_effect(string chartVersion)
    {
        var output = await ReferenceHelm.RunAsync(TestPaths.Helm(TestPaths.Helm3Version), TemplateArguments(chartVersion, "production-values.yaml"));

        // Our own reader too: a key written twice into cilium-config (extraConfig repeating a chart key) would fail here.
        var documents = YamlReader.ReadDocuments(output, "helm");
        Assert.Multiple(() =>
        {
            Assert.That(documents, Is.Not.Empty);
            Assert.That(Count(output, "kind: ServiceMonitor"), Is.EqualTo(5), "agent, operator, Envoy, Hubble and Hubble Relay");
            foreach (var setting in new[]
            {
                "routing-mode: \"native\"", "auto-direct-node-routes: \"true\"", "devices: \"eth0 bond0\"",
                "bpf-lb-mode: \"dsr\"", "bpf-lb-algorithm: \"maglev\"", "bpf-lb-maglev-table-size: \"16381\"",
                "enable-l2-announcements: \"true\"", "l2-announcements-lease-duration: \"3s\"", "k8s-client-qps: \"50\"",
                "enable-bgp-control-plane: \"true\"", "enable-bandwidth-manager: \"true\"", "enable-bbr: \"true\"",
                "dnsproxy-concurrency-limit: \"1000\"", "example.com/team: net", "node.example.com/network: cilium",
                "node-role.kubernetes.io/control-plane: \"\"", "GOMEMLIMIT", "--api-rate-limit=", "release: kube-prometheus-stack",
            })
            {
                Assert.That(output, Does.Contain(setting), $"cilium {chartVersion} does not act on the setting behind '{setting}'");
            }
        });
    }

    [Test]
    public async Task The_legacy_layer_renders_with_cilium_1_17_only()
    {
        var helm = TestPaths.Helm(TestPaths.Helm3Version);
        var output = await ReferenceHelm.RunAsync(helm, TemplateArguments("1.17.18", "production-values.yaml", "production-values-legacy-1.17.yaml"));
        var refused = await ReferenceHelm.TryRunAsync(helm, TemplateArguments("1.18.1", "production-values.yaml", "production-values-legacy-1.17.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("enable-cilium-endpoint-slice: \"true\""));
            Assert.That(output, Does.Contain("ces-slice-mode: \"fcfs\""));
            Assert.That(refused.ExitCode, Is.Not.Zero);
            Assert.That(refused.Error, Does.Contain("enableCiliumEndpointSlice"));
        });
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
