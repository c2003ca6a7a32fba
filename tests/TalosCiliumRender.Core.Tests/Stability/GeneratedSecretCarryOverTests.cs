using System.Security.Cryptography;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Tests.Pem;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;
using static TalosCiliumRender.Core.Tests.Pem.TestPki;

namespace TalosCiliumRender.Core.Tests.Stability;

public sealed class GeneratedSecretCarryOverTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static readonly ChartTemplateScan Scan = new(new Dictionary<string, IReadOnlySet<string>>
    {
        ["c/templates/ca.yaml"] = new HashSet<string> { "genCA" },
        ["c/templates/leaf.yaml"] = new HashSet<string> { "genCA", "genSignedCert" },
        ["c/templates/bundle.yaml"] = new HashSet<string> { "genCA" },
        ["c/templates/self.yaml"] = new HashSet<string> { "genSelfSignedCert" },
        ["c/templates/key.yaml"] = new HashSet<string> { "genPrivateKey" },
    });

    /// <summary>One render's worth of PKI, as a chart with a CA, a signed certificate, a self-signed one and a bare key would make it.</summary>
    private sealed record Render(Pair Ca, Pair Leaf, Pair Self, AsymmetricAlgorithm Key)
    {
        public static Render Make(DateTimeOffset notBefore, string[]? dnsNames = null, AsymmetricAlgorithm? key = null, int leafDays = 365)
        {
            var ca = Authority("Test CA", notBefore, 1095);
            return new Render(ca, TestPki.Leaf("leaf.test", dnsNames ?? ["leaf.test"], ca, notBefore, leafDays), TestPki.Leaf("self.test", ["self.test"], null, notBefore, 365), key ?? RSA.Create(2048));
        }

        public string KeyPem => Key is RSA rsa ? rsa.ExportRSAPrivateKeyPem() + "\n" : ((ECDsa)Key).ExportECPrivateKeyPem() + "\n";

        public IReadOnlyList<ManifestDocument> Documents(string userPem) => YamlReader.ReadDocuments($$"""
            # Source: c/templates/ca.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: ca, namespace: ns}
            data:
              ca.crt: {{Base64(Ca.CertificatePem)}}
              ca.key: {{Base64(Ca.KeyPem)}}
            ---
            # Source: c/templates/leaf.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: leaf, namespace: ns}
            data:
              ca.crt: {{Base64(Ca.CertificatePem)}}
              tls.crt: {{Base64(Leaf.CertificatePem)}}
              tls.key: {{Base64(Leaf.KeyPem)}}
            ---
            # Source: c/templates/bundle.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: bundle, namespace: ns}
            data:
              ca.crt: |
            {{Indent(Ca.CertificatePem)}}
            ---
            # Source: c/templates/self.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: self, namespace: ns}
            stringData:
              tls.crt: |
            {{Indent(Self.CertificatePem)}}
              tls.key: |
            {{Indent(Self.KeyPem)}}
            ---
            # Source: c/templates/key.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: key, namespace: ns}
            data:
              key.pem: {{Base64(KeyPem)}}
            ---
            # Source: c/templates/user.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: user, namespace: ns}
            data:
              tls.crt: {{Base64(userPem)}}
            """, "render");

        private static string Indent(string pem) => string.Join('\n', pem.TrimEnd('\n').Split('\n').Select(l => "    " + l));
    }

    private static string Value(IReadOnlyList<ManifestDocument> documents, string name, string field, string key) =>
        ((YamlScalarNode)((YamlMappingNode)ManifestComparison.Find(documents, name == "bundle" ? "ConfigMap" : "Secret", name)!.Get(field)!).Get(key)!).Value!;

    private static string Pem(IReadOnlyList<ManifestDocument> documents, string name, string field, string key)
    {
        var value = Value(documents, name, field, key);
        return field == "data" && name != "bundle" ? StabilityAssert.Pem(value) : value;
    }

    private static string UserPem() => Leaf("user.test", ["user.test"], null, Now.AddDays(-1), 30).CertificatePem;

    [Test]
    public void Material_that_fits_is_carried_everywhere_it_appears_and_user_material_is_left_alone()
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var fresh = Render.Make(Now);
        var user = UserPem();
        var earlierDocuments = earlier.Documents(user);
        var documents = fresh.Documents(user);

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics, Is.Empty);
            StabilityAssert.Same(YamlWriter.Write(documents), YamlWriter.Write(earlierDocuments), "every generated value carried, byte for byte");
            StabilityAssert.Same(Pem(documents, "bundle", "data", "ca.crt"), earlier.Ca.CertificatePem, "the CA in a ConfigMap follows the carried CA");
        });
    }

    [Test]
    public void A_certificate_whose_names_changed_is_issued_anew_by_the_carried_CA_for_the_fresh_key()
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var fresh = Render.Make(Now, dnsNames: ["leaf.test", "leaf.example.com"]);
        var documents = fresh.Documents(UserPem());

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlier.Documents(UserPem()), Scan, Now, Window);
        var issued = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Pem(documents, "leaf", "data", "tls.crt"));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.StartWith("Secret ns/leaf: the existing 'tls.crt' cannot be carried over (the chart now wants other DNS names or IP addresses)"));
            StabilityAssert.Same(Pem(documents, "ca", "data", "ca.crt"), earlier.Ca.CertificatePem, "ca ca.crt");
            StabilityAssert.Same(Pem(documents, "leaf", "data", "ca.crt"), earlier.Ca.CertificatePem, "leaf ca.crt");
            Assert.That(Certificates.IsSignedBy(issued, earlier.Ca.Certificate), Is.True);
            Assert.That(Certificates.AlternativeNames(issued), Is.EqualTo(new[] { "DNS:leaf.example.com", "DNS:leaf.test" }));
            StabilityAssert.Same(Pem(documents, "leaf", "data", "tls.key"), fresh.Leaf.KeyPem, "the fresh key");
            StabilityAssert.Same(issued.PublicKey.ExportSubjectPublicKeyInfo(), fresh.Leaf.Key.ExportSubjectPublicKeyInfo(), "issued for the fresh key");
            Assert.That(issued.NotAfter - issued.NotBefore, Is.EqualTo(TimeSpan.FromDays(365)));
        });
        StabilityAssert.NoSecretMaterial(diagnostics);
    }

    [TestCase("foreign-ca", "it is not signed by the carried CA")]
    [TestCase("foreign-key", "its key 'tls.key' does not match the certificate: it is another key pair")]
    public void A_certificate_that_does_not_belong_to_the_carried_CA_or_key_is_replaced(string damage, string reason)
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var foreign = Render.Make(Now.AddDays(-100));
        var earlierDocuments = earlier.Documents(UserPem());
        var leaf = (YamlMappingNode)ManifestComparison.Find(earlierDocuments, "Secret", "leaf")!.Get("data")!;
        if (damage == "foreign-ca")
        {
            leaf.Children[new YamlScalarNode("tls.crt")] = new YamlScalarNode(Base64(foreign.Leaf.CertificatePem));
            leaf.Children[new YamlScalarNode("tls.key")] = new YamlScalarNode(Base64(foreign.Leaf.KeyPem));
        }
        else
        {
            leaf.Children[new YamlScalarNode("tls.key")] = new YamlScalarNode(Base64(foreign.Leaf.KeyPem));
        }

        var documents = Render.Make(Now).Documents(UserPem());
        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.Contain(reason));
            Assert.That(Certificates.IsSignedBy(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Pem(documents, "leaf", "data", "tls.crt")), earlier.Ca.Certificate), Is.True);
        });
        StabilityAssert.NoSecretMaterial(diagnostics);
    }

    private static void SetData(IReadOnlyList<ManifestDocument> documents, string secret, string key, string pem) =>
        ((YamlMappingNode)ManifestComparison.Find(documents, "Secret", secret)!.Get("data")!).Children[new YamlScalarNode(key)] = new YamlScalarNode(Base64(pem));

    [TestCase("base64", "is corrupt: the body of its 'RSA PRIVATE KEY' PEM block is not valid base64")]
    [TestCase("truncated", "is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable")]
    [TestCase("label", "is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable")]
    [TestCase("foreign", "does not match the certificate: it is another key pair")]
    [TestCase("ecdsa", "does not match the certificate: it is an ECDSA key, and the certificate holds an RSA key")]
    public void A_CA_whose_committed_key_is_corrupt_or_mismatched_is_replaced_with_every_certificate_it_signed(string damage, string reason)
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var earlierDocuments = earlier.Documents(UserPem());
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        SetData(earlierDocuments, "ca", "ca.key", damage switch
        {
            "foreign" => Render.Make(Now).Ca.KeyPem,
            "ecdsa" => ecdsa.ExportECPrivateKeyPem() + "\n",
            _ => CertificatesTests.Damage(earlier.Ca.Key, damage),
        });
        var fresh = Render.Make(Now);
        var documents = fresh.Documents(UserPem());

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.StartWith($"Secret ns/ca: the existing 'ca.crt' cannot be carried over (its key 'ca.key' {reason}"));
            Assert.That(diagnostics[0].Message, Does.Contain("the chart's new CA and the certificates it signed were taken"));
            StabilityAssert.Same(Pem(documents, "ca", "data", "ca.crt"), fresh.Ca.CertificatePem, "the fresh CA");
            StabilityAssert.Same(Pem(documents, "ca", "data", "ca.key"), fresh.Ca.KeyPem, "the fresh CA key");
            StabilityAssert.Same(Pem(documents, "leaf", "data", "tls.crt"), fresh.Leaf.CertificatePem, "the leaf the fresh CA signed, though its own key fitted");
            StabilityAssert.Same(Pem(documents, "leaf", "data", "tls.key"), fresh.Leaf.KeyPem, "its fresh key");
            StabilityAssert.Same(Pem(documents, "bundle", "data", "ca.crt"), fresh.Ca.CertificatePem, "the ConfigMap follows");
        });
        StabilityAssert.NoSecretMaterial(diagnostics, YamlWriter.Write(earlierDocuments), YamlWriter.Write(documents));
    }

    [TestCase("base64", "its key 'tls.key' is corrupt: the body of its 'RSA PRIVATE KEY' PEM block is not valid base64")]
    [TestCase("truncated", "its key 'tls.key' is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable")]
    [TestCase("foreign", "its key 'tls.key' does not match the certificate: it is another key pair")]
    public void A_leaf_whose_committed_key_is_corrupt_is_issued_anew_by_the_carried_CA_for_the_fresh_key(string damage, string reason)
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var earlierDocuments = earlier.Documents(UserPem());
        SetData(earlierDocuments, "leaf", "tls.key", damage == "foreign" ? Render.Make(Now).Leaf.KeyPem : CertificatesTests.Damage(earlier.Leaf.Key, damage));
        var fresh = Render.Make(Now);
        var documents = fresh.Documents(UserPem());

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);
        using var issued = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Pem(documents, "leaf", "data", "tls.crt"));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.StartWith($"Secret ns/leaf: the existing 'tls.crt' cannot be carried over ({reason}"));
            StabilityAssert.Same(Pem(documents, "ca", "data", "ca.key"), earlier.Ca.KeyPem, "the CA and its key are carried");
            StabilityAssert.Same(Pem(documents, "leaf", "data", "tls.key"), fresh.Leaf.KeyPem, "the fresh key, not the damaged one");
            Assert.That(Certificates.IsSignedBy(issued, earlier.Ca.Certificate), Is.True, "signed by the carried CA");
            StabilityAssert.Same(issued.PublicKey.ExportSubjectPublicKeyInfo(), fresh.Leaf.Key.ExportSubjectPublicKeyInfo(), "issued for the fresh key");
        });
        StabilityAssert.NoSecretMaterial(diagnostics, YamlWriter.Write(earlierDocuments), YamlWriter.Write(documents));
    }

    [Test]
    public void A_committed_key_in_another_form_of_the_same_key_is_carried_as_committed()
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var user = UserPem();
        var earlierDocuments = earlier.Documents(user);
        var pkcs8 = earlier.Ca.Key.ExportPkcs8PrivateKeyPem() + "\n";
        SetData(earlierDocuments, "ca", "ca.key", pkcs8);
        var documents = Render.Make(Now).Documents(user);

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics, Is.Empty);
            StabilityAssert.Same(Pem(documents, "ca", "data", "ca.key"), pkcs8, "the committed PKCS#8 text");
            StabilityAssert.Same(YamlWriter.Write(documents), YamlWriter.Write(earlierDocuments), "everything carried");
        });
    }

    [Test]
    public void A_corrupt_key_of_its_own_is_replaced_with_a_message_that_says_so()
    {
        var earlier = Render.Make(Now.AddDays(-100));
        var earlierDocuments = earlier.Documents(UserPem());
        SetData(earlierDocuments, "key", "key.pem", CertificatesTests.Damage((RSA)earlier.Key, "base64"));
        var fresh = Render.Make(Now);
        var documents = fresh.Documents(UserPem());

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlierDocuments, Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.StartWith("Secret ns/key: the existing 'key.pem' cannot be carried over (it is corrupt: the body of its 'RSA PRIVATE KEY' PEM block is not valid base64)"));
            StabilityAssert.Same(StabilityAssert.Pem(Value(documents, "key", "data", "key.pem")), fresh.KeyPem, "the fresh key");
        });
        StabilityAssert.NoSecretMaterial(diagnostics, YamlWriter.Write(earlierDocuments));
    }

    [Test]
    public void An_expiring_self_signed_certificate_is_taken_fresh_and_a_key_of_another_kind_is_replaced()
    {
        var earlier = Render.Make(Now.AddDays(-350), key: ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var fresh = Render.Make(Now);
        var documents = fresh.Documents(UserPem());

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlier.Documents(UserPem()), Scan, Now, Window);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => (d.Code, d.Message[..d.Message.IndexOf(':', StringComparison.Ordinal)])), Is.EquivalentTo(new[]
            {
                ("TCR4001", "Secret ns/leaf"), ("TCR4001", "Secret ns/self"), ("TCR4003", "Secret ns/key"),
            }));
            StabilityAssert.Same(Pem(documents, "self", "stringData", "tls.crt"), fresh.Self.CertificatePem, "the fresh self-signed certificate");
            StabilityAssert.Same(StabilityAssert.Pem(Value(documents, "key", "data", "key.pem")), fresh.KeyPem, "the fresh key");
            StabilityAssert.Same(Pem(documents, "leaf", "data", "tls.key"), earlier.Leaf.KeyPem, "a renewed certificate keeps its key");
        });
        StabilityAssert.NoSecretMaterial(diagnostics);
    }

    [Test]
    public void The_secret_material_check_catches_a_leak()
    {
        var render = Render.Make(Now);
        var manifest = YamlWriter.Write(render.Documents(UserPem()));
        var body = Base64(render.Leaf.KeyPem);
        var leaked = DiagnosticCatalog.CertificateRenewed.Create("Secret ns/leaf", "tls.key", "2030-01-01", "30", "key " + StabilityAssert.Pem(body).Split('\n')[3]);

        Assert.Multiple(() =>
        {
            Assert.That(() => StabilityAssert.NoSecretMaterial([leaked], manifest), Throws.InstanceOf<AssertionException>());
            Assert.That(() => StabilityAssert.NoSecretMaterial([DiagnosticCatalog.CertificateRenewed.Create("Secret ns/leaf", "tls.crt", "2030-01-01", "30", "renewed")], manifest), Throws.Nothing);
        });
    }

    [Test]
    public async Task A_webhook_CA_without_a_stored_key_stays_consistent_in_caBundle_ConfigMap_and_signature()
    {
        using var temp = new TempDirectory();
        var chart = TinyChart.Write(temp, "chart", TinyChart.Webhook);
        var output = temp.Combine("out.yaml");
        var request = new RenderRequest { Chart = chart, Preset = "none", HelmPath = TestPaths.Helm(TestPaths.Helm4Version), OutputPath = output };

        var first = await new ManifestRenderer().RenderAsync(request);
        var second = await new ManifestRenderer().RenderAsync(request);
        var later = RenderEnvironment.FromProcess() with { Time = new ShiftedTimeProvider(TimeSpan.FromDays(85)) };
        var renewed = await new ManifestRenderer(later).RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(Stability(first), Is.Empty, "the guard sees certificate generators only, all carried");
            Assert.That(Stability(second), Is.Empty);
            Assert.That(second.Output, Is.EqualTo(OutputStatus.Unchanged));
            StabilityAssert.Same(second.Manifest, first.Manifest, "the second render");
            AssertConsistent(first.Manifest!);

            // 5 days left on the certificate, and no CA key to sign a new one: CA and certificate are taken fresh.
            Assert.That(Stability(renewed).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(Stability(renewed)[0].Message, Does.Contain("its key is not in the output"));
            StabilityAssert.Different(renewed.Manifest, first.Manifest, "the renewed render");
            AssertConsistent(renewed.Manifest!);
        });
        StabilityAssert.NoSecretMaterial([.. first.Diagnostics, .. renewed.Diagnostics], first.Manifest!, renewed.Manifest!);
    }

    /// <summary>The GitOps-stability diagnostics (TCR4xxx): the Talos lint (TCR6xxx) has its own tests.</summary>
    private static Diagnostic[] Stability(RenderResult result) => result.Diagnostics.Where(d => d.Code.StartsWith("TCR4", StringComparison.Ordinal)).ToArray();

    private static void AssertConsistent(string manifest)
    {
        var documents = YamlReader.ReadDocuments(manifest, "render");
        var caBundle = ((YamlMappingNode)ManifestComparison.Find(documents, "MutatingWebhookConfiguration", "tiny")!.GetPath("webhooks")!.AllNodes
            .OfType<YamlMappingNode>().First(m => m.Get("caBundle") is not null)).GetString("caBundle")!;
        var configMap = ((YamlMappingNode)ManifestComparison.Find(documents, "ConfigMap", "tiny-ca")!.Get("data")!).GetString("ca.crt")!;
        var certificate = StabilityAssert.Certificate(((YamlMappingNode)ManifestComparison.Find(documents, "Secret", "tiny-webhook-tls")!.Get("data")!).GetString("tls.crt")!);
        StabilityAssert.Same(StabilityAssert.Pem(caBundle).Trim(), configMap.Trim(), "caBundle and ConfigMap");
        Assert.That(Certificates.IsSignedBy(certificate, StabilityAssert.Certificate(caBundle)), Is.True);
    }
}
