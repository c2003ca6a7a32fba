using System.Security.Cryptography;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Tests.Pem;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>
/// Issue 5, items 1-3, with the real pinned helm binaries and the Cilium 1.18.1 chart: the seed configuration
/// with hubble, hubble-relay and hubble-ui. One baseline render is shared; each test works on a copy of its file.
/// </summary>
public sealed class GitOpsStabilityTests
{
    private static readonly string[] Hubble = ["hubble", "hubble-relay", "hubble-ui"];
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private TempDirectory _temp = null!;
    private Lazy<Task<(string Path, string Text, RenderResult Result)>> _baseline = null!;

    [OneTimeSetUp]
    public void CreateBaseline()
    {
        _temp = new TempDirectory();
        _baseline = new(async () =>
        {
            var path = _temp.Combine("baseline", "cilium-manifests.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var result = await RenderAsync(Request(path));
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Written));
            return (path, File.ReadAllText(path), result);
        });
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private RenderRequest Request(string output, string helmVersion = TestPaths.Helm3Version) => new()
    {
        Chart = TestPaths.ChartArchive("1.18.1"),
        HelmPath = TestPaths.Helm(helmVersion),
        Features = Hubble,
        OutputPath = output,
        ChartCacheDirectory = _temp.Combine("cache"),
    };

    /// <summary>Renders, and checks that no diagnostic carries key or certificate material, old or new.</summary>
    private static async Task<RenderResult> RenderAsync(RenderRequest request, TimeSpan clockOffset = default)
    {
        var existing = File.Exists(request.OutputPath) ? File.ReadAllText(request.OutputPath) : string.Empty;
        var environment = RenderEnvironment.FromProcess() with { Time = new ShiftedTimeProvider(clockOffset) };
        var result = await new ManifestRenderer(environment).RenderAsync(request);
        Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics.Select(d => d.Code)));
        StabilityAssert.NoSecretMaterial(result.Diagnostics, result.Manifest!, existing);
        return result;
    }

    /// <summary>A copy of the baseline file in a folder of its own.</summary>
    private async Task<string> CopyOfBaselineAsync(string name)
    {
        var baseline = await _baseline.Value;
        var path = _temp.Combine(name, "cilium-manifests.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(baseline.Path, path);
        return path;
    }

    /// <summary>The GitOps-stability diagnostics (TCR4xxx): the Talos lint has its own tests.</summary>
    private static Diagnostic[] Stability(RenderResult result) => result.Diagnostics.Where(d => d.Code.StartsWith("TCR4", StringComparison.Ordinal)).ToArray();

    private static IEnumerable<string> Codes(RenderResult result) => Stability(result).Select(d => d.Code);

    [Test]
    public async Task Twenty_renders_into_the_same_output_are_byte_identical_and_carry_every_generated_secret()
    {
        var (path, first, firstResult) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("twenty");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, stamp);
        var baselineSecrets = StabilityAssert.PemSecrets(first);

        // The baseline was render 1; helm 3 and helm 4 take turns for the other 19.
        for (var i = 2; i <= 20; i++)
        {
            var result = await RenderAsync(Request(output, i % 2 == 0 ? TestPaths.Helm4Version : TestPaths.Helm3Version));
            Assert.Multiple(() =>
            {
                Assert.That(result.Output, Is.EqualTo(OutputStatus.Unchanged), $"render {i}");
                StabilityAssert.Same(result.Manifest, first, $"render {i}: the same bytes");
                Assert.That(Stability(result), Is.Empty, $"render {i}: no renewal, no guard report");
            });
        }

        // What `talos-cilium diff` reports between the first render and the twentieth.
        var diff = await ManifestComparer.CompareAsync(path, output);

        Assert.Multiple(() =>
        {
            Assert.That((diff.Succeeded, diff.Differences.Count), Is.EqualTo((true, 0)), "talos-cilium diff: no change");
            StabilityAssert.Same(File.ReadAllBytes(output), File.ReadAllBytes(path), "the file");
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(stamp), "never rewritten");
            Assert.That(Stability(firstResult), Is.Empty, "the first render has nothing to carry and nothing to report");
            Assert.That(baselineSecrets.Keys, Is.EquivalentTo(new[] { "cilium-ca", "hubble-server-certs", "hubble-relay-client-certs" }));
            StabilityAssert.Same(StabilityAssert.PemSecrets(File.ReadAllText(output)), baselineSecrets, "generated Secrets");
            Assert.That(ManifestComparison.Differences(first, File.ReadAllText(output)), Is.Empty);
        });
    }

    [Test]
    public async Task Without_the_output_file_every_certificate_and_key_is_generated_anew()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = _temp.Combine("fresh", "cilium-manifests.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var result = await RenderAsync(Request(output));

        var before = StabilityAssert.PemSecrets(baseline);
        var after = StabilityAssert.PemSecrets(result.Manifest!);
        Assert.Multiple(() =>
        {
            Assert.That(after.Keys, Is.EquivalentTo(before.Keys));
            foreach (var (secret, entries) in after)
            {
                foreach (var (key, value) in entries)
                {
                    StabilityAssert.Different(value, before[secret][key], $"{secret} {key}");
                }
            }

            Assert.That(ManifestComparison.Differences(baseline, result.Manifest!), Is.Empty, "only the PEM material differs");
        });
    }

    [Test]
    public async Task A_certificate_ten_days_from_expiry_is_re_signed_by_the_carried_CA_with_a_warning()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("renew");
        var before = StabilityAssert.PemSecrets(baseline);
        var leafExpiry = StabilityAssert.Certificate(before["hubble-server-certs"]["tls.crt"]).NotAfter.ToUniversalTime();
        var offset = leafExpiry - DateTime.UtcNow - (10 * Day);

        var result = await RenderAsync(Request(output), offset);
        var after = StabilityAssert.PemSecrets(result.Manifest!);
        var renewed = Stability(result).Where(d => d.Code == DiagnosticCatalog.CertificateRenewed.Code).ToArray();
        var now = DateTimeOffset.UtcNow + offset;

        Assert.Multiple(() =>
        {
            Assert.That(Codes(result), Is.All.EqualTo(DiagnosticCatalog.CertificateRenewed.Code));
            Assert.That(renewed, Has.Length.EqualTo(2), "hubble-server-certs and hubble-relay-client-certs");
            Assert.That(renewed.Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(renewed.Select(d => d.Message), Has.Some.Contains("hubble-server-certs").And.Some.Contains("hubble-relay-client-certs"));
            StabilityAssert.Same(after["cilium-ca"], before["cilium-ca"], "the CA is carried");
            foreach (var secret in new[] { "hubble-server-certs", "hubble-relay-client-certs" })
            {
                var old = StabilityAssert.Certificate(before[secret]["tls.crt"]);
                var renewedCertificate = StabilityAssert.Certificate(after[secret]["tls.crt"]);
                var ca = StabilityAssert.Certificate(after["cilium-ca"]["ca.crt"]);
                StabilityAssert.Same(after[secret]["tls.key"], before[secret]["tls.key"], $"{secret}: the key is kept");
                StabilityAssert.Same(after[secret]["ca.crt"], before[secret]["ca.crt"], $"{secret}: the carried CA");
                StabilityAssert.Different(after[secret]["tls.crt"], before[secret]["tls.crt"], $"{secret}: a new certificate");
                Assert.That(Certificates.IsSignedBy(renewedCertificate, ca), Is.True, $"{secret}: signed by the carried CA");
                Assert.That(renewedCertificate.SubjectName.Name, Is.EqualTo(old.SubjectName.Name));
                Assert.That(Certificates.AlternativeNames(renewedCertificate), Is.EqualTo(Certificates.AlternativeNames(old)));
                Assert.That(renewedCertificate.NotBefore.ToUniversalTime(), Is.EqualTo(now.UtcDateTime).Within(TimeSpan.FromMinutes(5)));
                Assert.That(renewedCertificate.NotAfter - renewedCertificate.NotBefore, Is.EqualTo(old.NotAfter - old.NotBefore).Within(TimeSpan.FromMinutes(1)));
                StabilityAssert.Same(renewedCertificate.PublicKey.ExportSubjectPublicKeyInfo(), old.PublicKey.ExportSubjectPublicKeyInfo(), $"{secret}: the same key");
            }
        });

        // Renewed once: the next render at the same time carries the renewed certificates as they are.
        var again = await RenderAsync(Request(output), offset);
        Assert.Multiple(() =>
        {
            Assert.That(Stability(again), Is.Empty);
            Assert.That(again.Output, Is.EqualTo(OutputStatus.Unchanged));
            StabilityAssert.Same(again.Manifest, result.Manifest, "the render after the renewal");
        });
    }

    [Test]
    public async Task A_CA_ten_days_from_expiry_is_replaced_and_every_certificate_it_signed_with_it()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("rotate");
        var before = StabilityAssert.PemSecrets(baseline);
        var caExpiry = StabilityAssert.Certificate(before["cilium-ca"]["ca.crt"]).NotAfter.ToUniversalTime();

        var result = await RenderAsync(Request(output), caExpiry - DateTime.UtcNow - (10 * Day));
        var after = StabilityAssert.PemSecrets(result.Manifest!);
        var ca = StabilityAssert.Certificate(after["cilium-ca"]["ca.crt"]);

        Assert.Multiple(() =>
        {
            Assert.That(Codes(result), Is.EqualTo(new[] { DiagnosticCatalog.CertificateAuthorityRotated.Code }));
            Assert.That(Stability(result)[0].Message, Does.Contain("cilium-ca").And.Contain("hubble-server-certs").And.Contain("hubble-relay-client-certs"));
            foreach (var (secret, entries) in after)
            {
                foreach (var (key, value) in entries)
                {
                    StabilityAssert.Different(value, before[secret][key], $"{secret} {key} renewed");
                }
            }

            foreach (var secret in new[] { "hubble-server-certs", "hubble-relay-client-certs" })
            {
                StabilityAssert.Same(after[secret]["ca.crt"], after["cilium-ca"]["ca.crt"], $"{secret}: the new CA");
                Assert.That(Certificates.IsSignedBy(StabilityAssert.Certificate(after[secret]["tls.crt"]), ca), Is.True, $"{secret}: signed by the new CA");
            }
        });
    }

    [Test]
    public async Task A_certificate_whose_DNS_names_changed_is_issued_anew_by_the_carried_CA()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("names");
        var before = StabilityAssert.PemSecrets(baseline);

        var result = await RenderAsync(Request(output) with { SetValues = ["hubble.tls.server.extraDnsNames={hubble.example.com}"] });
        var after = StabilityAssert.PemSecrets(result.Manifest!);
        var issued = StabilityAssert.Certificate(after["hubble-server-certs"]["tls.crt"]);

        Assert.Multiple(() =>
        {
            Assert.That(Codes(result), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(Stability(result)[0].Message, Does.StartWith("Secret kube-system/hubble-server-certs: the existing 'tls.crt' cannot be carried over"));
            StabilityAssert.Same(after["cilium-ca"], before["cilium-ca"], "cilium-ca");
            StabilityAssert.Same(after["hubble-relay-client-certs"], before["hubble-relay-client-certs"], "hubble-relay-client-certs");
            StabilityAssert.Same(after["hubble-server-certs"]["ca.crt"], before["hubble-server-certs"]["ca.crt"], "hubble-server-certs ca.crt");
            Assert.That(Certificates.AlternativeNames(issued), Does.Contain("DNS:hubble.example.com"));
            Assert.That(Certificates.IsSignedBy(issued, StabilityAssert.Certificate(before["cilium-ca"]["ca.crt"])), Is.True);
        });
    }

    [Test]
    public async Task With_a_kustomization_the_certificates_are_carried_over_after_it()
    {
        var kustomization = _temp.WriteFile("kustomized/overlay/kustomization.yaml", "namespace: cilium-system\ncommonLabels:\n  team: network\n");
        var output = _temp.Combine("kustomized", "cilium-manifests.yaml");

        var first = await RenderAsync(Request(output) with { Kustomization = kustomization });
        var second = await RenderAsync(Request(output, TestPaths.Helm4Version) with { Kustomization = kustomization });

        Assert.Multiple(() =>
        {
            Assert.That(first.Manifest, Does.Contain("namespace: cilium-system").And.Contain("# Source: cilium/templates/"));
            Assert.That(Stability(second), Is.Empty);
            Assert.That(second.Output, Is.EqualTo(OutputStatus.Unchanged));
            StabilityAssert.Same(second.Manifest, first.Manifest, "the second kustomized render");
        });
    }

    [Test]
    public async Task Helm_3_and_helm_4_write_the_same_bytes_for_the_same_inputs_and_existing_file()
    {
        var (_, baseline, _) = await _baseline.Value;
        var viaHelm3 = await CopyOfBaselineAsync("helm3");
        var viaHelm4 = await CopyOfBaselineAsync("helm4");

        var helm3 = await RenderAsync(Request(viaHelm3, TestPaths.Helm3Version));
        var helm4 = await RenderAsync(Request(viaHelm4, TestPaths.Helm4Version));

        Assert.Multiple(() =>
        {
            Assert.That(helm3.HelmVersion, Does.StartWith("v3."));
            Assert.That(helm4.HelmVersion, Does.StartWith("v4."));
            StabilityAssert.Same(helm4.Manifest, helm3.Manifest, "helm 4 and helm 3");
            StabilityAssert.Same(helm4.Manifest, baseline, "helm 4 and the baseline");
            Assert.That((helm3.Output, helm4.Output), Is.EqualTo((OutputStatus.Unchanged, OutputStatus.Unchanged)));
            StabilityAssert.Same(File.ReadAllBytes(viaHelm4), File.ReadAllBytes(viaHelm3), "the files");
        });
    }

    [Test]
    public async Task Values_files_with_the_same_content_in_another_key_order_give_the_same_bytes()
    {
        var first = _temp.WriteFile("order/a.yaml", """
            operator:
              replicas: 1
              rollOutPods: true
            hubble:
              relay:
                replicas: 2
                rollOutPods: true
              metrics:
                enabled: [dns, drop, tcp]
            bpf:
              masquerade: true
            """);
        var second = _temp.WriteFile("order/b.yaml", """
            bpf: {masquerade: true}
            hubble:
              metrics:
                enabled: [dns, drop, tcp]
              relay: {rollOutPods: true, replicas: 2}
            operator:
              rollOutPods: true
              replicas: 1
            """);
        var (_, baseline, _) = await _baseline.Value;
        var outputA = await CopyOfBaselineAsync("order-a");
        var outputB = await CopyOfBaselineAsync("order-b");

        var a = await RenderAsync(Request(outputA) with { ValuesFiles = [first] });
        var b = await RenderAsync(Request(outputB, TestPaths.Helm4Version) with { ValuesFiles = [second] });

        Assert.Multiple(() =>
        {
            StabilityAssert.Same(File.ReadAllBytes(outputB), File.ReadAllBytes(outputA), "the files");
            Assert.That(a.EffectiveValues, Is.Not.EqualTo(b.EffectiveValues), "helm got the keys in file order");
            Assert.That(Header(a.Manifest!), Is.Not.EqualTo(Header(baseline)), "other values, another header");
        });
    }

    [Test]
    public async Task The_provenance_header_names_tool_chart_and_values_and_moves_only_with_them()
    {
        var (_, baseline, result) = await _baseline.Value;
        var header = Header(baseline);
        var chartDigest = "sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(TestPaths.ChartArchive("1.18.1")))).ToLowerInvariant();
        var valuesDigest = CanonicalValues.Digest(YamlReader.ReadSingleMapping(result.EffectiveValues!, "values", "values"));

        var otherChart = _temp.Combine("chart-1.19", "cilium-manifests.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(otherChart)!);
        var newer = await RenderAsync(Request(otherChart) with { Chart = TestPaths.ChartArchive("1.19.6") });

        Assert.Multiple(() =>
        {
            Assert.That(baseline, Does.StartWith("# Rendered by talos-cilium " + ProvenanceHeader.CurrentToolVersion + " "));
            Assert.That(header, Does.Contain($"# chart: cilium 1.18.1 {chartDigest}\n"));
            Assert.That(header, Does.Contain($"# values: {valuesDigest} "));
            Assert.That(header, Does.Contain("# release: cilium, namespace kube-system, kube-version 1.35.0\n"));
            Assert.That(header, Does.Not.Contain("v3.").And.Not.Contain(_temp.Path), "no helm version, no machine path");
            Assert.That(baseline, Does.Not.Contain("\r"));
            Assert.That(baseline[header.Length..], Does.StartWith("# Source: cilium/templates/"), "helm's Source comments stay");
            Assert.That(YamlReader.ReadDocuments(baseline, "baseline")[0].SourceTemplate, Is.Not.Null, "readers skip the header");
            Assert.That(Header(newer.Manifest!), Does.Contain("# chart: cilium 1.19.6 sha256:").And.Not.EqualTo(header));
        });
    }

    [Test]
    public async Task Opting_out_generates_anew_and_the_guard_then_reports_the_generated_secrets()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("opt-out");

        var result = await RenderAsync(Request(output) with { CarryOverGeneratedSecrets = false });
        var reports = Stability(result).Where(d => d.Code == DiagnosticCatalog.NonIdempotentOutput.Code).Select(d => d.Message).ToArray();

        Assert.Multiple(() =>
        {
            StabilityAssert.Different(StabilityAssert.PemSecrets(result.Manifest!)["cilium-ca"]["ca.crt"], StabilityAssert.PemSecrets(baseline)["cilium-ca"]["ca.crt"], "a new CA");
            Assert.That(Stability(result).Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(reports, Has.Length.EqualTo(3));
            Assert.That(reports, Has.Some.Contains("Secret kube-system/cilium-ca").And.Contains("data[\"ca.key\"]"));
            Assert.That(reports, Has.Some.Contains("Secret kube-system/hubble-server-certs").And.Contains("data[\"tls.crt\"]"));
        });
    }

    [Test]
    public async Task An_unreadable_existing_output_is_a_warning_and_certificates_are_generated_anew()
    {
        var output = _temp.WriteFile("broken/cilium-manifests.yaml", "kind: Secret\ndata: [unclosed\n");
        var result = await RenderAsync(Request(output));
        Assert.Multiple(() =>
        {
            Assert.That(Codes(result), Is.EqualTo(new[] { DiagnosticCatalog.CarryOverSourceUnreadable.Code }));
            Assert.That(result.Output, Is.EqualTo(OutputStatus.Written));
        });
    }

    /// <summary>Check mode: compares without writing, and never quotes key material, whatever the outcome.</summary>
    private static async Task<RenderResult> CheckAsync(RenderRequest request)
    {
        var existing = File.ReadAllText(request.OutputPath!);
        var result = await new ManifestRenderer().RenderAsync(request with { Mode = OutputMode.Check });
        StabilityAssert.NoSecretMaterial(result.Diagnostics, result.Manifest ?? string.Empty, existing);
        return result;
    }

    /// <summary>The committed file with one Secret entry's PEM replaced (base64 in data, as the chart writes it).</summary>
    private static void Replace(string path, string secret, string key, string pem)
    {
        var text = File.ReadAllText(path);
        var old = StabilityAssert.PemSecrets(text)[secret][key];
        Assert.That(text.Split(old).Length, Is.EqualTo(2), $"{secret} {key}: one occurrence to replace");
        File.WriteAllText(path, text.Replace(old, TestPki.Base64(pem), StringComparison.Ordinal));
    }

    [Test]
    public async Task A_committed_CA_key_with_a_broken_body_inside_intact_armour_fails_check_mode_and_a_render_replaces_the_CA()
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync("corrupt-ca-key");
        var before = StabilityAssert.PemSecrets(baseline);
        Replace(output, "cilium-ca", "ca.key", CertificatesTests.Damage(StabilityAssert.Pem(before["cilium-ca"]["ca.key"]), "base64"));
        var committed = File.ReadAllBytes(output);

        var check = await CheckAsync(Request(output));

        Assert.Multiple(() =>
        {
            Assert.That(check.Output, Is.EqualTo(OutputStatus.Stale));
            Assert.That(check.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.OutputStale.Code }));
            Assert.That(Codes(check), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(Stability(check)[0].Message, Does.StartWith(
                "Secret kube-system/cilium-ca: the existing 'ca.crt' cannot be carried over (its key 'ca.key' is corrupt: the body of its 'RSA PRIVATE KEY' PEM block is not valid base64)"));
            Assert.That(check.Diagnostics.Single(d => d.Code == DiagnosticCatalog.OutputStale.Code).Message, Does.Contain("Secret kube-system/cilium-ca"));
            StabilityAssert.Same(File.ReadAllBytes(output), committed, "check mode writes nothing");
        });

        var render = await RenderAsync(Request(output));
        var after = StabilityAssert.PemSecrets(File.ReadAllText(output));
        var ca = StabilityAssert.Certificate(after["cilium-ca"]["ca.crt"]);
        var again = await CheckAsync(Request(output));

        Assert.Multiple(() =>
        {
            Assert.That(Codes(render), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(render.Output, Is.EqualTo(OutputStatus.Written));
            StabilityAssert.Different(after["cilium-ca"]["ca.crt"], before["cilium-ca"]["ca.crt"], "a new CA");
            Assert.That(Certificates.KeyMisfit(
                Core.Pem.PemValue.TryParse(StabilityAssert.Pem(after["cilium-ca"]["ca.key"]))!.Blocks.Single(), StabilityAssert.Pem(after["cilium-ca"]["ca.key"]), ca), Is.Null, "with its own key");
            foreach (var secret in new[] { "hubble-server-certs", "hubble-relay-client-certs" })
            {
                Assert.That(Certificates.IsSignedBy(StabilityAssert.Certificate(after[secret]["tls.crt"]), ca), Is.True, $"{secret}: signed by the new CA");
            }

            Assert.That((again.Output, again.Succeeded, Stability(again).Length), Is.EqualTo((OutputStatus.UpToDate, true, 0)), "the rendered output passes check mode");
        });
    }

    [TestCase("cilium-ca", "ca.key", "leaf-key", "'ca.crt' cannot be carried over (its key 'ca.key' does not match the certificate: it is another key pair")]
    [TestCase("cilium-ca", "ca.key", "truncated", "'ca.crt' cannot be carried over (its key 'ca.key' is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable")]
    [TestCase("hubble-server-certs", "tls.key", "relay-key", "'tls.crt' cannot be carried over (its key 'tls.key' does not match the certificate: it is another key pair")]
    [TestCase("hubble-server-certs", "tls.key", "ecdsa", "'tls.crt' cannot be carried over (its key 'tls.key' does not match the certificate: it is an ECDSA key, and the certificate holds an RSA key")]
    [TestCase("hubble-server-certs", "tls.key", "flipped", "'tls.crt' cannot be carried over (its key 'tls.key' is corrupt: ")]
    public async Task A_committed_key_that_is_corrupt_or_does_not_match_its_certificate_fails_check_mode(string secret, string key, string damage, string reason)
    {
        var (_, baseline, _) = await _baseline.Value;
        var output = await CopyOfBaselineAsync($"check-{secret}-{damage}");
        var before = StabilityAssert.PemSecrets(baseline);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Replace(output, secret, key, damage switch
        {
            // The hubble server's key is valid and matches its own certificate: only the CA pair is wrong.
            "leaf-key" => StabilityAssert.Pem(before["hubble-server-certs"]["tls.key"]),
            "relay-key" => StabilityAssert.Pem(before["hubble-relay-client-certs"]["tls.key"]),
            "ecdsa" => ecdsa.ExportECPrivateKeyPem() + "\n",
            _ => CertificatesTests.Damage(StabilityAssert.Pem(before[secret][key]), damage),
        });
        var committed = File.ReadAllBytes(output);

        var check = await CheckAsync(Request(output));

        Assert.Multiple(() =>
        {
            Assert.That(check.Output, Is.EqualTo(OutputStatus.Stale));
            Assert.That(check.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.OutputStale.Code }));
            Assert.That(Stability(check).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(Stability(check)[0].Message, Does.StartWith($"Secret kube-system/{secret}: the existing {reason}"));
            StabilityAssert.Same(File.ReadAllBytes(output), committed, "check mode writes nothing");
        });
    }

    private static string Header(string manifest) =>
        string.Concat(manifest.Split('\n').TakeWhile(l => l.StartsWith('#') && !l.StartsWith("# Source:", StringComparison.Ordinal)).Select(l => l + "\n"));
}
