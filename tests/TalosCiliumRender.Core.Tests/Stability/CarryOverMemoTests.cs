using System.Security.Cryptography.X509Certificates;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Tests.Pem;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>
/// The carry-over decides the same with the committed output's facts worked out beforehand (<see cref="CarryOverMemo"/>,
/// while helm runs) as without: real Cilium renders with every hubble certificate, carried, refused and rotated.
/// </summary>
public sealed class CarryOverMemoTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static readonly RenderRequest Hubble = HubbleTlsRender.Request;

    private Lazy<Task<(string Earlier, string Fresh, ChartTemplateScan Scan)>> _renders = null!;

    [OneTimeSetUp]
    public void Render() => _renders = new(async () =>
    {
        // Two renders without an output: each has material of its own, as helm generates it anew every time.
        var earlier = (await new ManifestRenderer().RenderAsync(Hubble)).Manifest!;
        var fresh = (await new ManifestRenderer().RenderAsync(Hubble)).Manifest!;
        var scan = TemplateTaintAnalyzer.Analyze(await ChartTemplateReader.ReadAsync(TestPaths.ChartArchive("1.18.1"), "cilium", CancellationToken.None));
        return (earlier, fresh, scan);
    });

    private static string Secret(IReadOnlyList<ManifestDocument> documents, string name, string key) =>
        ((YamlScalarNode)((YamlMappingNode)ManifestComparison.Find(documents, "Secret", name)!.Get("data")!).Get(key)!).Value!;

    private static void SetSecret(IReadOnlyList<ManifestDocument> documents, string name, string key, string value) =>
        ((YamlMappingNode)ManifestComparison.Find(documents, "Secret", name)!.Get("data")!).Children[new YamlScalarNode(key)] = new YamlScalarNode(value);

    /// <summary>The committed output as a test changes it: as rendered, a key of another Secret, a damaged CA key.</summary>
    private static IReadOnlyList<ManifestDocument> Earlier(string manifest, string change)
    {
        var documents = YamlReader.ReadDocuments(manifest, "earlier");
        switch (change)
        {
            case "foreign-key":
                SetSecret(documents, "hubble-server-certs", "tls.key", Secret(documents, "hubble-relay-client-certs", "tls.key"));
                break;
            case "damaged-ca-key":
                var pem = StabilityAssert.Pem(Secret(documents, "cilium-ca", "ca.key"));
                SetSecret(documents, "cilium-ca", "ca.key", TestPki.Base64(CertificatesTests.Damage(pem, "flipped")));
                break;
        }

        return documents;
    }

    /// <summary>The render after the carry-over, with certificates it issued (random serials) spelled by what they say.</summary>
    private static string Outcome(IReadOnlyList<ManifestDocument> documents, IReadOnlyList<ManifestDocument> earlier, string fresh)
    {
        var known = YamlReader.ReadDocuments(fresh, "fresh").Concat(earlier)
            .SelectMany(d => PemSlot.FindAll(d.Root)).SelectMany(s => s.Value.Blocks).Select(b => b.Body).ToHashSet(StringComparer.Ordinal);
        foreach (var slot in documents.SelectMany(d => PemSlot.FindAll(d.Root)))
        {
            if (slot.Value.Blocks.Any(b => !known.Contains(b.Body)))
            {
                slot.Node.Value = slot.Value.Replace(b => known.Contains(b.Body) ? null : Issued(b));
            }
        }

        return YamlWriter.Write(documents);

        static string Issued(PemBlock block)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(block.TryGetBytes()!);
            return $"issued {certificate.SubjectName.Name} by {certificate.IssuerName.Name} for {Convert.ToBase64String(Certificates.PublicKeyInfo(certificate))} "
                + $"names {string.Join(',', Certificates.AlternativeNames(certificate))} {certificate.NotBefore:O}..{certificate.NotAfter:O}";
        }
    }

    [TestCase("as-rendered", 0)]
    [TestCase("foreign-key", 0)]
    [TestCase("damaged-ca-key", 0)]
    [TestCase("as-rendered", 1080)]
    public async Task The_carry_over_decides_the_same_with_the_facts_worked_out_beforehand(string change, int daysLater)
    {
        var (earlierText, freshText, scan) = await _renders.Value;
        var now = DateTimeOffset.UtcNow.AddDays(daysLater);

        var plainEarlier = Earlier(earlierText, change);
        var plain = YamlReader.ReadDocuments(freshText, "fresh");
        var plainDiagnostics = GeneratedSecretCarryOver.Apply(plain, plainEarlier, scan, now, Window);

        var memoEarlier = Earlier(earlierText, change);
        using var memo = CarryOverMemo.Prepare(memoEarlier, CancellationToken.None);
        var withMemo = YamlReader.ReadDocuments(freshText, "fresh");
        var memoDiagnostics = GeneratedSecretCarryOver.Apply(withMemo, memoEarlier, scan, now, Window, memo);

        var expectedCodes = (change, daysLater) switch
        {
            ("as-rendered", 0) => Array.Empty<string>(),
            ("foreign-key", _) => [DiagnosticCatalog.GeneratedSecretReplaced.Code],
            ("damaged-ca-key", _) => [DiagnosticCatalog.GeneratedSecretReplaced.Code],
            _ => [DiagnosticCatalog.CertificateAuthorityRotated.Code],
        };
        Assert.Multiple(() =>
        {
            Assert.That(memoDiagnostics.Select(d => (d.Code, d.Message)), Is.EqualTo(plainDiagnostics.Select(d => (d.Code, d.Message))));
            Assert.That(plainDiagnostics.Select(d => d.Code), Is.EqualTo(expectedCodes), "the scenario happened");
            StabilityAssert.Same(Outcome(withMemo, memoEarlier, freshText), Outcome(plain, plainEarlier, freshText), "the output");
        });
    }

    [Test]
    public async Task A_committed_key_that_does_not_match_its_certificate_is_refused_when_the_facts_were_worked_out_beforehand()
    {
        var (earlierText, freshText, scan) = await _renders.Value;
        var earlier = Earlier(earlierText, "foreign-key");
        using var memo = CarryOverMemo.Prepare(earlier, CancellationToken.None);
        var committedKey = PemValue.TryParse(Secret(earlier, "hubble-server-certs", "tls.key"))!;
        var documents = YamlReader.ReadDocuments(freshText, "fresh");

        var diagnostics = GeneratedSecretCarryOver.Apply(documents, earlier, scan, DateTimeOffset.UtcNow, Window, memo);
        using var issued = StabilityAssert.Certificate(Secret(documents, "hubble-server-certs", "tls.crt"));

        Assert.Multiple(() =>
        {
            Assert.That(memo.Facts.IsLoaded(committedKey.TextOf(committedKey.Blocks[0])), Is.True, "the committed key was loaded beforehand");
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.GeneratedSecretReplaced.Code }));
            Assert.That(diagnostics[0].Message, Does.StartWith(
                "Secret kube-system/hubble-server-certs: the existing 'tls.crt' cannot be carried over (its key 'tls.key' does not match the certificate: it is another key pair than the one the certificate names)"));
            Assert.That(Certificates.IsSignedBy(issued, StabilityAssert.Certificate(Secret(earlier, "cilium-ca", "ca.crt"))), Is.True, "issued anew by the carried CA");
            StabilityAssert.Same(StabilityAssert.Pem(Secret(documents, "hubble-server-certs", "tls.key")), StabilityAssert.Pem(Secret(YamlReader.ReadDocuments(freshText, "fresh"), "hubble-server-certs", "tls.key")), "the fresh key");
        });
    }
}
