using TalosCiliumRender.Core.Lint;

namespace TalosCiliumRender.Core.Tests.Lint;

/// <summary>The public entry point, for manifests made elsewhere (kustomize --lint).</summary>
public sealed class TalosLinterTests
{
    private const string Agent = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cilium-config, namespace: kube-system}
        data:
          kube-proxy-replacement: "true"
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: cilium
          namespace: kube-system
        spec:
          template:
            spec:
              initContainers:
              - name: mount-cgroup
              containers:
              - name: cilium-agent
                env:
                - name: KUBERNETES_SERVICE_HOST
                  valueFrom:
                    configMapKeyRef: {name: endpoint, key: host}
                - name: KUBERNETES_SERVICE_PORT
                  value: "7446"
                securityContext:
                  capabilities:
                    add: [NET_ADMIN, SYS_MODULE]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: endpoint, namespace: kube-system}
        data:
          host: localhost
        """;

    private static string[] Codes(string yaml, TalosLintOptions? options = null) => TalosLinter.Lint(yaml, options).Diagnostics.Select(d => d.Code).ToArray();

    [Test]
    public void Lints_a_manifest_and_points_at_lines_of_the_named_file()
    {
        var result = TalosLinter.Lint(Agent, new TalosLintOptions { File = "out/cilium.yaml" });
        var diagnostics = result.Diagnostics;

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, "warnings do not fail the lint");
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR6001", "TCR6002", "TCR6004" }), "the host comes from the ConfigMap the env references");
            Assert.That(diagnostics.Select(d => (d.File, d.Line)), Is.All.EqualTo(("out/cilium.yaml", (int?)7)), "the DaemonSet starts on line 7");
        });
    }

    [Test]
    public void KubePrism_port_is_an_option()
    {
        Assert.That(Codes(Agent, new TalosLintOptions { KubePrism = new KubePrismEndpoint(Port: 7446) }), Does.Not.Contain("TCR6004"));
    }

    [Test]
    public void Suppression_list_and_annotation_work_on_text()
    {
        var annotated = Agent.Replace("  namespace: kube-system\nspec:", "  namespace: kube-system\n  annotations:\n    talos-cilium.io/suppress: TCR6002 TCR6004\nspec:", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(Codes(Agent, new TalosLintOptions { SuppressedLints = ["TCR6001"] }), Is.EqualTo(new[] { "TCR6002", "TCR6004" }));
            Assert.That(Codes(annotated), Is.EqualTo(new[] { "TCR6001" }));
        });
    }

    [Test]
    public void Findings_become_errors_on_request()
    {
        var result = TalosLinter.Lint(Agent, new TalosLintOptions { AsErrors = true });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.IsError), Is.All.True);
            Assert.That(result.Succeeded, Is.False);
        });
    }

    [Test]
    public void Agent_without_a_service_host_under_replacement_is_TCR6003()
    {
        var yaml = Agent.Replace("name: KUBERNETES_SERVICE_HOST", "name: UNRELATED", StringComparison.Ordinal);
        Assert.That(Codes(yaml), Does.Contain("TCR6003"));
    }

    [Test]
    public void Render_only_rules_do_not_apply_to_finished_manifests()
    {
        const string Secrets = """
            apiVersion: v1
            kind: Secret
            metadata: {name: hubble-server-certs, namespace: kube-system}
            stringData:
              tls.key: |
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEE
                -----END EC PRIVATE KEY-----
            """;
        Assert.That(Codes(Secrets), Is.EqualTo(new[] { "TCR6008" }), "TCR6007 needs a render; TCR6008 sees stringData too");
    }

    [TestCase("TCR6999")]
    [TestCase("TCR1001")]
    public void Unknown_suppressed_code_is_TCR0004(string code) =>
        Assert.That(Codes(Agent, new TalosLintOptions { SuppressedLints = [code] }), Is.EqualTo(new[] { "TCR0004" }));

    [Test]
    public void Malformed_yaml_is_reported_not_thrown() =>
        Assert.That(Codes("a: [1,\n"), Is.EqualTo(new[] { "TCR3002" }));

    [Test]
    public void Every_rule_and_the_size_warning_can_be_suppressed() =>
        Assert.That(TalosLinter.SuppressibleCodes, Is.EqualTo(new[] { "TCR6001", "TCR6002", "TCR6003", "TCR6004", "TCR6005", "TCR6006", "TCR6007", "TCR6008", "TCR6009", "TCR6010", "TCR6011", "TCR6012", "TCR5010" }));

    [Test]
    public void Every_rule_message_has_one_placeholder_for_the_findings_and_says_how_to_suppress()
    {
        Assert.Multiple(() =>
        {
            foreach (var rule in TalosLinter.Rules)
            {
                Assert.That(System.Text.RegularExpressions.Regex.Matches(rule.MessageFormat, @"\{\d+\}").Select(m => m.Value).Distinct(), Is.EqualTo(new[] { "{0}" }), rule.Code);
                Assert.That(rule.MessageFormat, Does.Contain($"--suppress {rule.Code}").And.Contain($"talos-cilium.io/suppress: {rule.Code}"), rule.Code);
                Assert.That(rule.Severity, Is.EqualTo(TalosCiliumRender.Core.DiagnosticSeverity.Warning), rule.Code);
            }
        });
    }
}
