using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Tests.Pem;
using TalosCiliumRender.Core.Yaml;
using GeneratedMaterialAllowance = TalosCiliumRender.Core.Stability.GeneratedMaterialAllowance;

namespace TalosCiliumRender.Core.Tests.Diff;

public sealed class ManifestDiffTests
{
    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: cilium
          namespace: kube-system
        spec:
          template:
            spec:
              containers:
              - name: cilium-agent
                image: quay.io/cilium/cilium:v1.18.1
        """;

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n  namespace: kube-system\ndata:\n  a: \"1\"\n";

    private const string ClusterRole = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cilium\n";

    private static IReadOnlyList<ResourceDifference> Compare(string existing, string rendered) =>
        ManifestDiff.Compare(YamlReader.ReadDocuments(existing, "existing"), YamlReader.ReadDocuments(rendered, "rendered"), GeneratedMaterialAllowance.At(DateTimeOffset.UtcNow));

    private static string Stream(params string[] documents) => string.Join("---\n", documents.Select(d => d.EndsWith('\n') ? d : d + "\n"));

    [Test]
    public void Same_resources_in_another_order_and_style_do_not_differ()
    {
        var existing = Stream(ConfigMap.Replace("\"1\"", "'1'", StringComparison.Ordinal), "# comment\n" + DaemonSet);
        Assert.That(Compare(existing, Stream(DaemonSet, ConfigMap)), Is.Empty);
    }

    [Test]
    public void Reports_added_removed_and_changed_resources_with_field_paths()
    {
        var existing = Stream(DaemonSet, ClusterRole);
        var rendered = Stream(DaemonSet.Replace("v1.18.1", "v1.18.2", StringComparison.Ordinal), ConfigMap);

        var differences = Compare(existing, rendered);

        Assert.That(differences.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "changed apps/v1 DaemonSet kube-system/cilium: spec.template.spec.containers[0].image",
            "added v1 ConfigMap kube-system/cilium-config",
            "removed rbac.authorization.k8s.io/v1 ClusterRole cilium",
        }));
        Assert.That(differences[0].Resource, Is.EqualTo(new ResourceIdentity("apps/v1", "DaemonSet", "kube-system", "cilium")));
    }

    [Test]
    public void A_resource_present_twice_is_matched_occurrence_by_occurrence()
    {
        var differences = Compare(Stream(ConfigMap), Stream(ConfigMap, ConfigMap));
        Assert.That(differences.Select(d => d.Change), Is.EqualTo(new[] { ResourceChange.Added }));
    }

    [Test]
    public void Freshly_generated_certificates_compare_as_valid_PEM_not_bytes()
    {
        var (committedCert, committedKey) = TestPki.SelfSignedBase64("CN=Cilium CA", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(2));
        var (renderedCert, renderedKey) = TestPki.FreshBase64();

        Assert.That(Compare(TestPki.CaSecret("cilium-ca", committedCert, committedKey), TestPki.CaSecret("cilium-ca", renderedCert, renderedKey)), Is.Empty);
    }

    [Test]
    public void A_generated_certificate_that_is_garbage_expired_or_for_another_subject_differs()
    {
        var (renderedCert, renderedKey) = TestPki.FreshBase64();
        var (expired, expiredKey) = TestPki.SelfSignedBase64("CN=Cilium CA", DateTimeOffset.UtcNow.AddYears(-4), DateTimeOffset.UtcNow.AddDays(-1));
        var (other, otherKey) = TestPki.SelfSignedBase64("CN=Someone else", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var rendered = TestPki.CaSecret("cilium-ca", renderedCert, renderedKey);

        Assert.Multiple(() =>
        {
            Assert.That(Compare(TestPki.CaSecret("cilium-ca", TestPki.Base64("not a certificate"), renderedKey), rendered).Single().Paths, Is.EqualTo(new[] { "data[\"ca.crt\"]" }));
            Assert.That(Compare(TestPki.CaSecret("cilium-ca", renderedCert, "bm90IGEga2V5"), rendered).Single().Paths, Is.EqualTo(new[] { "data[\"ca.key\"]" }));
            Assert.That(Compare(TestPki.CaSecret("cilium-ca", expired, expiredKey), rendered).Single().Paths, Is.EqualTo(new[] { "data[\"ca.crt\"]" }), "expired");
            Assert.That(Compare(TestPki.CaSecret("cilium-ca", other, otherKey), rendered).Single().Paths, Is.EqualTo(new[] { "data[\"ca.crt\"]" }), "other subject");
        });
    }

    [Test]
    public void The_policy_decides_how_generated_certificates_compare()
    {
        var (committedCert, committedKey) = TestPki.SelfSignedBase64("CN=Cilium CA", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(2));
        var (renderedCert, renderedKey) = TestPki.FreshBase64();
        var existing = YamlReader.ReadDocuments(TestPki.CaSecret("cilium-ca", committedCert, committedKey), "existing");
        var rendered = YamlReader.ReadDocuments(TestPki.CaSecret("cilium-ca", renderedCert, renderedKey), "rendered");
        string[] both = ["data[\"ca.crt\"]", "data[\"ca.key\"]"];

        Assert.Multiple(() =>
        {
            Assert.That(ManifestDiff.Compare(existing, rendered, GeneratedMaterialPolicy.Exact).Single().Paths, Is.EqualTo(both), "two committed files");
            Assert.That(ManifestDiff.Compare(existing, rendered, GeneratedMaterialAllowance.At(DateTimeOffset.UtcNow, _ => true)).Single().Paths, Is.EqualTo(both), "carried over already");
            Assert.That(ManifestDiff.Compare(existing, rendered, GeneratedMaterialAllowance.At(DateTimeOffset.UtcNow, _ => false)), Is.Empty);
            Assert.That(ManifestDiff.Compare(existing, rendered, GeneratedMaterialAllowance.At(DateTimeOffset.UtcNow.AddHours(2))), Is.Not.Empty, "issued outside the fresh window");
        });
    }

    [Test]
    public void Certificates_the_user_supplies_are_compared_byte_for_byte()
    {
        // Neither was issued by this render (both are weeks old), so a replaced certificate is a real change.
        var (committed, committedKey) = TestPki.SelfSignedBase64("CN=Cilium CA", DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddYears(1));
        var (renewed, renewedKey) = TestPki.SelfSignedBase64("CN=Cilium CA", DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow.AddYears(1));

        var difference = Compare(TestPki.CaSecret("cilium-ca", committed, committedKey), TestPki.CaSecret("cilium-ca", renewed, renewedKey)).Single();

        Assert.That(difference.Paths, Is.EqualTo(new[] { "data[\"ca.crt\"]", "data[\"ca.key\"]" }));
    }

    [Test]
    public void Messages_name_paths_and_never_secret_values()
    {
        var secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: kube-system\ndata:\n  password: {0}\n";
        var differences = Compare(string.Format(System.Globalization.CultureInfo.InvariantCulture, secret, "c2VjcmV0LW9uZQ=="), string.Format(System.Globalization.CultureInfo.InvariantCulture, secret, "c2VjcmV0LXR3bw=="));

        var message = ManifestDiff.Describe(differences);

        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo("\n  changed v1 Secret kube-system/db: data.password"));
            Assert.That(message, Does.Not.Contain("c2VjcmV0"));
        });
    }

    [Test]
    public void Long_reports_are_capped()
    {
        var existing = Stream(Enumerable.Range(0, 60).Select(i => ConfigMap.Replace("cilium-config", $"cm-{i}", StringComparison.Ordinal)).ToArray());
        var message = ManifestDiff.Describe(Compare(existing, Stream(DaemonSet)));
        Assert.That(message, Does.EndWith("… and 11 more resources"));
    }
}
