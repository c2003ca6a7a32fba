using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Tests.Stability;

namespace TalosCiliumRender.Core.Tests.ChartValues;

/// <summary>The values check in whole renders: before helm, against the chart being rendered, with real helm and real charts.</summary>
public sealed class ValuesCheckRenderTests
{
    private static readonly string[] Typos =
        ["hubble.relay.enabeld=true", "kubeProxyReplacment=false", "ipam.operator.clusterPoolIPv4PodCIDR=10.0.0.0/8"];

    private static string DataFile(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Values", "Data", name);

    [Test]
    public async Task Three_typos_fail_before_helm_runs_with_the_keys_meant_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var log = temp.Combine("helm.log");
        var output = temp.WriteFile("cilium-manifests.yaml", "# committed\nkind: ConfigMap\n");
        var before = File.ReadAllBytes(output);
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = LoggingHelm.Create(temp.Combine("bin"), TestPaths.Helm(TestPaths.Helm3Version), log),
            ChartCacheDirectory = temp.Combine("cache"),
            SetValues = Typos,
            OutputPath = output,
        };

        var result = await new ManifestRenderer().RenderAsync(request);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(errors.Select(d => d.Code), Is.All.EqualTo(DiagnosticCodes.UnknownValue));
            Assert.That(errors.Select(d => d.Message), Has.Exactly(1).Contains("Did you mean 'hubble.relay.enabled'?").And.Contains("--set 'hubble.relay.enabeld=true'"));
            Assert.That(errors.Select(d => d.Message), Has.Exactly(1).Contains("Did you mean 'kubeProxyReplacement'?"));
            Assert.That(errors.Select(d => d.Message), Has.Exactly(1).Contains("Did you mean 'ipam.operator.clusterPoolIPv4PodCIDRList'?"));
            Assert.That(errors, Has.Length.EqualTo(3));
            Assert.That(errors.Select(d => d.Message), Has.All.Contains("chart cilium 1.18.1"));
            Assert.That(LoggingHelm.Commands(log), Has.No.Member("template"), "helm never renders");
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(before), "the committed output is untouched");
        });
    }

    [Test]
    public async Task Allowed_unknown_values_render_and_are_reported_as_warnings()
    {
        using var temp = new TempDirectory();
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            ChartCacheDirectory = temp.Combine("cache"),
            SetValues = Typos,
            AllowUnknownValues = true,
            OutputPath = temp.Combine("out.yaml"),
            SuppressedLints = ["TCR6007", "TCR6008"],
        };

        var result = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
            Assert.That(result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownValue).Select(d => d.Severity), Is.EqualTo(Enumerable.Repeat(DiagnosticSeverity.Warning, 3)));
            Assert.That(File.Exists(temp.Combine("out.yaml")), Is.True);
        });
    }

    [Test]
    public async Task A_wrong_type_and_an_unknown_key_in_a_values_file_point_at_its_line_and_column()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values/prod.yaml", "hubble:\n  relay:\n    enabled: \"yes\"\n  ui:\n    enabeld: true\noperator:\n  replicas: two\n");
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.19.6"),
            HelmPath = TestPaths.Helm(TestPaths.Helm4Version),
            ChartCacheDirectory = temp.Combine("cache"),
            ValuesFiles = ["values/prod.yaml"],
        };

        var result = await new ManifestRenderer(RenderEnvironment.FromProcess() with { WorkingDirectory = temp.Path }).ComputeValuesAsync(request);

        var found = result.Diagnostics.Select(d => (d.Code, d.File, d.Line, d.Column)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False, "the values command checks too");
            Assert.That(found, Is.EquivalentTo(new (string, string?, int?, int?)[]
            {
                (DiagnosticCodes.UnknownValue, "values/prod.yaml", 5, 5),
                (DiagnosticCodes.ValueTypeMismatch, "values/prod.yaml", 3, 14),
                (DiagnosticCodes.ValueTypeMismatch, "values/prod.yaml", 7, 13),
            }));
            Assert.That(result.Diagnostics.Single(d => d.Line == 3).Message, Does.Contain("'hubble.relay.enabled', set in values file 'values/prod.yaml', is a string (\"yes\")").And.Contains("boolean"));
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task A_realistic_production_values_file_renders_on_every_chart_without_a_finding(string chartVersion)
    {
        using var temp = new TempDirectory();
        var request = new RenderRequest
        {
            Chart = TestPaths.ChartArchive(chartVersion),
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            ChartCacheDirectory = temp.Combine("cache"),
            ValuesFiles = [DataFile("production-values.yaml"), .. chartVersion.StartsWith("1.17.", StringComparison.Ordinal) ? [DataFile("production-values-legacy-1.17.yaml")] : Array.Empty<string>()],
            Features = ["hubble", "bgp"],
            ApiVersions = ["monitoring.coreos.com/v1"],
            OutputPath = temp.Combine("out.yaml"),
            Lint = false,
        };

        var result = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
            Assert.That(result.Diagnostics.Where(d => d.Code is DiagnosticCodes.UnknownValue or DiagnosticCodes.ValueTypeMismatch), Is.Empty);
        });
    }

    [Test]
    public async Task An_edited_chart_folder_is_analysed_again()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", ("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tiny\ndata:\n  names: {{ .Values.dnsNames | join \",\" | quote }}\n"));
        var request = new RenderRequest
        {
            Chart = chart,
            Preset = "none",
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
            ChartCacheDirectory = temp.Combine("cache"),
            SetValues = ["extra.flag=on"],
            Lint = false,
        };

        var before = await new ManifestRenderer().RenderAsync(request);
        temp.WriteFile("chart/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  flag: {{ .Values.extra.flag | quote }}\n");
        var after = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(before.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.UnknownValue }), "tiny 0.1.0 reads no 'extra'");
            Assert.That(after.Succeeded, Is.True, string.Join("\n", after.Diagnostics));
            Assert.That(Directory.GetFiles(temp.Combine("cache", "values")), Has.Length.EqualTo(2), "one analysis per content digest");
        });
    }
}
