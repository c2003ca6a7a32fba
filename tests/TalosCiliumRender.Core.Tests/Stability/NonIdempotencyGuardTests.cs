using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>The guard against output that changes on every render, with tiny local charts and the real pinned helm.</summary>
public sealed class NonIdempotencyGuardTests
{
    private static RenderRequest Request(string chart, string? output = null) => new()
    {
        Chart = chart,
        Preset = "none",
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        OutputPath = output,
    };

    [Test]
    public async Task A_template_using_randAlphaNum_or_uuidv4_is_reported_with_resource_and_field_paths()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", TinyChart.Random);

        var result = await new ManifestRenderer().RenderAsync(Request(chart, temp.Combine("out.yaml")));
        var reports = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.NonIdempotentOutput.Code).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Written), "a warning does not stop the output");
            Assert.That(reports.Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(reports, Has.Length.EqualTo(2));
            Assert.That(reports[0].Message, Does.StartWith("Secret kube-system/tiny-credentials (template 'tiny/templates/credentials.yaml', which uses randAlphaNum)")
                .And.Contain("at: data.password."));
            Assert.That(reports[1].Message, Does.StartWith("ConfigMap kube-system/tiny-identity (template 'tiny/templates/identity.yaml', which uses uuidv4)")
                .And.Contain("at: data.id."));
        });
        StabilityAssert.NoSecretMaterial(result.Diagnostics);
    }

    [Test]
    public async Task Asked_to_fail_the_guard_reports_an_error_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", TinyChart.Random);

        var result = await new ManifestRenderer().RenderAsync(Request(chart, temp.Combine("out.yaml")) with { FailOnNonIdempotentOutput = true });

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EqualTo(new[] { "TCR4010", "TCR4010" }));
            Assert.That(File.Exists(temp.Combine("out.yaml")), Is.False);
        });
    }

    [Test]
    public async Task In_check_mode_the_guard_reports_errors()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", TinyChart.Random);
        await new ManifestRenderer().RenderAsync(Request(chart, temp.Combine("out.yaml")));

        var check = await new ManifestRenderer().RenderAsync(Request(chart, temp.Combine("out.yaml")) with { Mode = OutputMode.Check });

        Assert.Multiple(() =>
        {
            Assert.That(check.Succeeded, Is.False);
            Assert.That(check.Diagnostics.Where(d => d.Code == "TCR4010").Select(d => d.Severity), Is.EqualTo(new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Error }));
        });
    }

    [Test]
    public async Task A_chart_without_generators_is_rendered_once_and_reports_nothing()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", TinyChart.Random[2]);
        var result = await new ManifestRenderer().RenderAsync(Request(chart));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public async Task Cilium_with_carried_certificates_needs_no_second_render()
    {
        var manifest = await HubbleTlsRender.ManifestAsync();
        var documents = YamlReader.ReadDocuments(manifest, "render");
        var scan = TemplateTaintAnalyzer.Analyze(await ChartTemplateReader.ReadAsync(TestPaths.ChartArchive("1.18.1"), "cilium", CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(NonIdempotencyGuard.Suspicious(documents, scan, carryOver: true), Is.Empty);
            Assert.That(NonIdempotencyGuard.Suspicious(documents, scan, carryOver: false).Select(d => ObjectIdentity.From(d).Describe()), Is.EquivalentTo(new[]
            {
                "Secret kube-system/cilium-ca", "Secret kube-system/hubble-server-certs", "Secret kube-system/hubble-relay-client-certs",
                "Secret kube-system/hubble-relay-server-certs", "Secret kube-system/hubble-ui-client-certs", "Secret kube-system/hubble-metrics-server-certs",
            }));
        });
    }
}
