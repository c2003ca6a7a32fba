using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests.Rendering;

public sealed class RequestValidatorTests
{
    private static IReadOnlyList<string> Codes(RenderRequest request) => RequestValidator.Validate(request, valuesOnly: false).Select(d => d.Code).ToArray();

    [Test]
    public void A_default_request_is_valid() =>
        Assert.That(Codes(new RenderRequest()), Is.Empty);

    [Test]
    public async Task Every_bad_option_is_reported_at_once_before_helm_runs()
    {
        var request = new RenderRequest
        {
            ReleaseName = "Cilium_Main",
            Namespace = "Kube_System",
            KubePrism = new KubePrismEndpoint("a..b", 70000),
            KubeVersion = "latest",
            Timeout = TimeSpan.Zero,
            CertificateRenewalWindow = TimeSpan.FromDays(-1),
            HelmPath = "/nonexistent/helm",
        };

        var result = await new ManifestRenderer().RenderAsync(request);
        var messages = result.Diagnostics.Select(d => d.Message).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.Code), Is.All.EqualTo("TCR0004"), "no TCR1001: helm was never looked for");
            Assert.That(messages, Has.Length.EqualTo(7));
            foreach (var option in new[] { "--release", "--namespace", "--kubeprism-host", "--kubeprism-port", "--kube-version", "--timeout", "--renew-before" })
            {
                Assert.That(messages, Has.One.Contains(option), option);
            }
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(RequestOptions.MaxTimeoutSeconds + 1)]
    [TestCase(int.MaxValue)]
    public void A_timeout_outside_1_to_3600_seconds_is_TCR0004_in_seconds(int seconds)
    {
        var problems = RequestValidator.Validate(new RenderRequest { Timeout = TimeSpan.FromSeconds(seconds) }, valuesOnly: false);

        Assert.That(problems.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            $"talos-cilium: error TCR0004: Invalid value '{seconds}' for the helm timeout in seconds (--timeout, MSBuild: TalosCiliumRenderTimeout): use 1 to 3600 seconds (one helm run; the default is 300)",
        }));
    }

    [TestCase(1)]
    [TestCase(RequestOptions.MaxTimeoutSeconds)]
    public void A_timeout_inside_the_range_is_valid(int seconds) =>
        Assert.That(Codes(new RenderRequest { Timeout = TimeSpan.FromSeconds(seconds) }), Is.Empty);

    [TestCase(-1)]
    [TestCase(RequestOptions.MaxRenewBeforeDays + 1)]
    [TestCase(99_999_999)]
    [TestCase(int.MaxValue)]
    public void A_renewal_window_outside_the_range_is_TCR0004_in_days(int days)
    {
        // The CLI and the task check the days before they become a TimeSpan, which cannot hold 99,999,999 days.
        var problems = RequestValidator.RenewBeforeProblems(days).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(d => d.Code), Is.EqualTo(new[] { "TCR0004" }));
            Assert.That(problems[0].Message, Does.Contain($"Invalid value '{days}' for the certificate renewal window in days (--renew-before"));
            Assert.That(problems[0].Message, Does.Not.Contain(":00:00"), "days, never a TimeSpan");
        });
    }

    [Test]
    public void A_negative_renewal_window_in_a_request_is_echoed_in_days()
    {
        var problems = RequestValidator.Validate(new RenderRequest { CertificateRenewalWindow = TimeSpan.FromDays(-1) }, valuesOnly: false);

        Assert.That(problems.Single().Message, Does.StartWith("Invalid value '-1' for the certificate renewal window in days"));
    }

    [TestCase(0)]
    [TestCase(RequestOptions.MaxRenewBeforeDays)]
    public void A_renewal_window_inside_the_range_is_valid(int days) =>
        Assert.That(RequestValidator.RenewBeforeProblems(days), Is.Empty);

    [TestCase("latest")]
    [TestCase("1")]
    [TestCase("1.35.0; rm -rf /")]
    [TestCase("1.35.0\n")]
    public void Bad_kube_version_is_TCR0004(string kubeVersion) =>
        Assert.That(Codes(new RenderRequest { KubeVersion = kubeVersion }), Is.EqualTo(new[] { "TCR0004" }));

    [Test]
    public void KubePrism_with_a_preset_that_does_not_use_it_is_TCR0004() =>
        Assert.That(Codes(new RenderRequest { Preset = "none", KubePrism = new KubePrismEndpoint(Port: 7446) }), Is.EqualTo(new[] { "TCR0004" }));

    [Test]
    public void An_unknown_preset_is_reported_once() =>
        Assert.That(Codes(new RenderRequest { Preset = "talos-1.18", KubePrism = new KubePrismEndpoint(Port: 7446) }), Is.EqualTo(new[] { "TCR0002" }));

    [Test]
    public void KubePrism_port_out_of_range_is_TCR0004() =>
        Assert.That(Codes(new RenderRequest { KubePrism = new KubePrismEndpoint(Port: 70000) }), Is.EqualTo(new[] { "TCR0004" }));

    [Test]
    public void The_values_command_ignores_output_options() =>
        Assert.That(RequestValidator.Validate(new RenderRequest { Mode = OutputMode.Check, CertificateRenewalWindow = TimeSpan.FromDays(-1) }, valuesOnly: true), Is.Empty);

    [Test]
    public void Chart_option_mistakes_are_reported_with_the_others() =>
        Assert.That(Codes(new RenderRequest { Chart = "oci://quay.io/cilium/charts/cilium", Repository = "https://helm.cilium.io", ReleaseName = "Cilium" }),
            Is.EqualTo(new[] { "TCR0004", "TCR0004" }));

    [Test]
    public void A_missing_local_chart_is_left_to_the_render() =>
        Assert.That(Codes(new RenderRequest { Chart = "./no-such-chart.tgz" }), Is.Empty);

    [Test]
    public void Layouts_are_their_names_only()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "file", "Directory", "TALOS", " talos " })
            {
                Assert.That(RequestOptions.TryParseLayout(name, out _), Is.True, name);
            }

            foreach (var text in new[] { "1", "-1", "file,talos", "directory, talos", "", "tree" })
            {
                Assert.That(RequestOptions.TryParseLayout(text, out _), Is.False, text);
            }
        });
    }

    [Test]
    public void Missing_options_map_to_the_core_defaults()
    {
        var problems = new List<Diagnostic>();
        Assert.Multiple(() =>
        {
            Assert.That(RequestOptions.TimeoutOf(null), Is.EqualTo(new RenderRequest().Timeout));
            Assert.That(RequestOptions.RenewalWindowOf(null, problems), Is.EqualTo(new RenderRequest().CertificateRenewalWindow));
            Assert.That(RequestOptions.KubePrismOf(null, null), Is.Null);
            Assert.That(RequestOptions.KubePrismOf(null, 7446), Is.EqualTo(new KubePrismEndpoint(KubePrismEndpoint.DefaultHost, 7446)));
            Assert.That(RequestOptions.KubePrismOf("10.0.0.1", null), Is.EqualTo(new KubePrismEndpoint("10.0.0.1", KubePrismEndpoint.DefaultPort)));
            Assert.That(RequestOptions.LayoutOf(null, "--layout", problems), Is.EqualTo(OutputLayout.File));
            Assert.That(problems, Is.Empty);
        });
    }

    [Test]
    public void An_out_of_range_renewal_window_is_reported_and_the_default_kept()
    {
        var problems = new List<Diagnostic>();
        Assert.Multiple(() =>
        {
            Assert.That(RequestOptions.RenewalWindowOf(int.MaxValue, problems), Is.EqualTo(RenderRequest.DefaultCertificateRenewalWindow));
            Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { "TCR0004" }));
        });
    }

    [Test]
    public void Layout_and_suppression_problems_come_together_each_bad_code_once()
    {
        var request = new RenderRequest
        {
            Layout = OutputLayout.Talos,
            OutputPath = "out.yaml",
            ReleaseName = "Bad_Name",
            SuppressedLints = ["TCR6001,TCR6999", "tcr7000", "TCR6999"],
        };

        var messages = RequestValidator.Validate(request, valuesOnly: false).Select(d => d.Code + " " + d.Message).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.One.Contains("TCR6999"));
            Assert.That(messages, Has.One.Contains("TCR7000"));
            Assert.That(messages, Has.Some.StartsWith("TCR5"), "the Talos layout's missing version");
            Assert.That(messages, Has.Some.Contains("--release"));
        });
    }
}
