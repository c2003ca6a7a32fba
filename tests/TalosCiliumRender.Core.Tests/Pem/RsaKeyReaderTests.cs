using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using TalosCiliumRender.Core.Tests.Stability;

namespace TalosCiliumRender.Core.Tests.Pem;

/// <summary>
/// The SubjectPublicKeyInfo read without loading a key (<see cref="RsaKeyReader"/>) or a certificate's public key
/// (<see cref="Certificates.TryReadPublicKeyInfo"/>) is byte for byte what .NET exports after loading, and whatever the
/// reader is not certain of is left to the load, which decides as before.
/// </summary>
public sealed class RsaKeyReaderTests
{
    /// <summary>OpenSSL 3 <c>genpkey</c>: 2048 bits with exponent 3, and 2047 bits (an odd size) with exponent 17.</summary>
    private const string Exponent3 = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCb7Kzos1CJsTHe
        9cwpBO+CFh25sJ4RNqNNnitLxcqWQX3uNtEybjuePIlXPCCMVw9Ybl8NhPyiqtol
        ZKG64rO9lcf+O0/rS/mEUW7yS2S567SJvBv0u2he0POkIP3MOMeMpW/r00wzIYM+
        wSbQOp+5S10kkjw8nPefiwf5g9ewiBFcM0va446pDhxhkq24U410R0ALPO76odvX
        wA6Vw9mvsw7Lt09lOlla/4G6w2ikC/LdQTPrT5KTjOgE0Z+8Pgj/IB5qGUSxHaoJ
        QoUx8Nc/n+6fEtbLt9L+4cTYZFrDn6oQyXNEQeS9x5UTfzoAOLFVON3a27tENg0i
        4q+r5IfhAgEDAoIBAGfzHfB3iwZ2IT9OiBtYn6wOvnvLFAt5wjO+x4fZMbmA/p7P
        NiGe0ml9sOTSwF2PX5BJlLOt/cHHPBjtwSdBzSkOhVQnipzdUQLg9KGHmHvyeFvS
        vU3SRZSLTRgV/ogl2l3Dn/KM3XdrrNSAxIrRv9Dc6MMMKChopRUHWqZX5SBZq7TR
        q9p1qUjNKDWHiXw0KZUQSBrt1wnbbduLpRi4yEJ4G3QFQFgxVXsuwJXnILcOitk3
        ByinoKuo2mybOWum0KF6Edb0PnBrZ6DWwb7VK/SdRrgYnb8yVg8JcJNYdofnJ8pI
        uSq1oZcb5Hjqa5PlOVNAJhgQhvkacFPnPHByKGMCgYEAzn5QuazRJzZxWyQtM1pg
        V7+iyIQjbdTnTDXAMuuB9soG+GcZJrv6WqtDF/oGtmw3FxMJ/RlJCIF1pyQSmGxc
        yeq0gJ0/6G8PeuuEgHZ4NJe3oHA0WiJVNk7C/qFkWB5zry6zmcVfTatDd8YbsWQ3
        j8DoBwvVM0vYYBtpv6EQcosCgYEAwU6oEGZh6YVpBO0aLCOk91UMC160vpbxatiu
        ZAUstoH37TaWSCT1/nb2SN/iASU/C4RkrBULGRCZ+T3WMS5nBiI0gwpq/pltE6x7
        4h044Lj8ZBq5kAqXG5mQnVn7UNlRPzKow77SJK/aRpgD5z4pS5dwnartvYK2BIme
        FWIo2MMCgYEAiamLJnM2GiRLkhgeIjxAOn/B2wLCSTiaMs6AIfJWpIavUES7byf8
        PHIsuqavJEgkugyxU2YwsFZOb21huvLohpx4Vb4qmvS0/J0DAE76zbp6avV4PBbj
        eYnXVGuYOr73yh8iZoOU3nIs+oQSdkLPtStFWgfjd4fllWeb1RYK9wcCgYEAgN8a
        tZmWm65GA0i8HW0YpONdXOnN1GSg8eXJmANzJFalSM8O2sNOqaSkMJVBVhjUslhD
        HWNcu2Bmpik5dh7vWWwjAgbx/xDzYnL9QWjQldCoQrx7tVxkvRELE5FSNeY2KiHF
        19SMGHU8LxACmilw3Q+gaRyeflckAwZpY5bF5dcCgYBIqPr8Y0ymYYy3hjmsGznO
        vwdtgrMxgBwyTW3wXMLpSmsaZlMoL0TuL7qbozQJytU+dFMghlz7zbyWWNrXoLQx
        9X+S2n2D8WKDKlCJ/94frIwugMpc2oD9Tk+CFLEQP08DEHe2SammedIDzLuMfmvt
        0ELEvooPw4Y3iB+IBO8Xgw==
        -----END PRIVATE KEY-----
        """;

    private const string Exponent17OddSize = """
        -----BEGIN PRIVATE KEY-----
        MIIEugIBADANBgkqhkiG9w0BAQEFAASCBKQwggSgAgEAAoIBAFixnqcy68jb9ljo
        cWGXPyDo2SMmBo4QjrDwBckKaimGVJzpDUjA16us+sJiBisaR9IfSTBEsaWgeVee
        +dTItT33xPEFvEQT7rADIj8P8KNS1lLvX7e5VYOWwNZc/qdz9v/OhGe0mey08VuJ
        0K4cCg2GCyJreOudFhxN/XYlwBfzqRNeYjlVN2WCmSGwDtVoPPms9ToeipzNzspJ
        4h5Rjgu/1Yn5c2I5vJiBUazC+EEdAXQkpPJWyIK8cMKgo1n7ADf7iNA+Kgwifa7G
        8ETblbMsG6n9g07BixbJkhLpyHWOnLwvE85uhtT8EoaHsn9bxSWOFR/K2k9WzGxx
        dJhOCYECARECggEAJIVfcgXongA4QroQkZihhgWGlgCZSY5Y33HkQ7j+iZGqXrpQ
        w5qzKJKFXxlN1YNKv+7DyJTBno1fJBRIwQdZsBq6gVy27tsH7h9odFHbjouFbXGf
        4j1BVE0iOiZKvWv8SzbrOcLV+A5FQ89V7VbW9oJ9DixA2Xzq/JiViwB8RhiC7s6j
        uzT+UGVgnM2mg+kayJRWxobBd5i/wy7rUCpgMmmUHp5ruKMLnI6zEd7Ck7RTyA1t
        co3ISj/sMEOMBObExtlPNvLQ+4Ux5Q2WJnNMw1nbYhdjxtxKUqsFeu0K6ixNojg0
        fvEot1nvhHI2qGyc7gBQ9s2i0tG0bv7fp/nf/QKBgQDiGlIwtw94Kpy91MIIMHvi
        qoxj5wy77o4y2hlV/IgJgVIupoN6SQomegIaxzkZO0Op4hvc2z/oz9tUsj9JfpBH
        Q8stSkOzj7g8g4qRXCIQLCJdryVM7cPq+Lp8YbqI684J4tVT0HuleDaEV/0mq8ZT
        6gJERphSvaOqSD8cZmP5EwKBgGRr8chye+flXV5iaE2ttj3VuFDepfjU8TfxmgeD
        q799tmO9rBgPo559tvG6I71V/tU+enUldWb+jwMI4eE9OkjIIJslGnr1AjW10jtm
        xhQ+5mAMn2iinX3nlFGGpm4seY0q0UCAhKMNNEh/LAcV+2HU+MMUGo5tI5CEWaa+
        izmbAoGBALozyzctWAibkCPcY45GC6ubgqygKJrEdRrRuoMMM8uXrRdb884eCFvs
        AbuzH/apRsgjnnmlf+znaVTPBvE7DWfdeiVMN8EM8hO3n0qIHA1RhbaQPNXw+7Jy
        e3V9qKz+bXGNoJ9gZdOQLOV1o00F7p91a0dJMiYFldeGyo/b2dwtAoGAL0HbMSbQ
        5Zkc4R9AJI37aGSS+OE/C6+AkswMP8V9/8KwLu/Yg8sf0h0KzBtcHN0soJXfRi++
        xw5hatcA4ncqfJppsmvQOdy1vuwmsoq3kQ6Kh414MT13Sk7cYpm3u2A5M19xh8QC
        LpzNT0rnit0rANyxTL4qnWCJNPL9Ayx9wMECgYEA1QUCycPbuf+bIKibOBtEsUIV
        QJMgYFFwY5TVoWjUyyKpGT2GGwkOX8oq6y0ZwimQe0fiHz7Z2XjfwAMam61iI6Po
        bM3RM1VjkS4We1kILpGi/d6KHjP9vRxHa6dBZ7tetR5gJo5Tc8HH86DhLg+em8+D
        ornjk2TyXr4c1BMFTzY=
        -----END PRIVATE KEY-----
        """;

    private static PemBlock Block(string pem) => PemValue.TryParse(pem)!.Blocks.Single();

    private static string Text(string pem)
    {
        var value = PemValue.TryParse(pem)!;
        return value.TextOf(value.Blocks.Single());
    }

    /// <summary>What the carry-over did before: load the key, export its SubjectPublicKeyInfo; null when it does not load.</summary>
    private static byte[]? Loaded(string pem)
    {
        using var key = Certificates.TryLoadPrivateKey(pem);
        return key?.ExportSubjectPublicKeyInfo();
    }

    private static byte[]? Kept(string pem)
    {
        using var facts = new PemFacts();
        return facts.PublicKeyInfo(Block(pem), Text(pem));
    }

    private static IEnumerable<TestCaseData> Keys()
    {
        foreach (var size in new[] { 2048, 3072 })
        {
            yield return new TestCaseData(size.ToString(System.Globalization.CultureInfo.InvariantCulture), (Func<RSA>)(() => RSA.Create(size))).SetArgDisplayNames($"dotnet-{size}");
        }

        yield return new TestCaseData("exponent 3", (Func<RSA>)(() => Import(Exponent3))).SetArgDisplayNames("openssl-2048-e3");
        yield return new TestCaseData("exponent 17, 2047 bits", (Func<RSA>)(() => Import(Exponent17OddSize))).SetArgDisplayNames("openssl-2047-e17");
    }

    private static RSA Import(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    [TestCaseSource(nameof(Keys))]
    public void An_RSA_key_in_PKCS1_and_PKCS8_is_read_as_dotnet_exports_it(string what, Func<RSA> create)
    {
        using var rsa = create();
        var expected = rsa.ExportSubjectPublicKeyInfo();
        foreach (var pem in new[] { rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem() })
        {
            Assert.Multiple(() =>
            {
                Assert.That(RsaKeyReader.TryPublicKeyInfo(Block(pem), Text(pem)), Is.EqualTo(expected), $"{what}: read, not loaded");
                Assert.That(Kept(pem), Is.EqualTo(expected), what);
                Assert.That(Loaded(pem), Is.EqualTo(expected), what);
            });
        }
    }

    [Test]
    public void The_OpenSSL_keys_are_what_their_names_say()
    {
        using var e3 = Import(Exponent3);
        using var e17 = Import(Exponent17OddSize);
        Assert.Multiple(() =>
        {
            Assert.That((e3.KeySize, e3.ExportParameters(false).Exponent), Is.EqualTo((2048, new byte[] { 3 })));
            Assert.That((e17.KeySize, e17.ExportParameters(false).Exponent), Is.EqualTo((2047, new byte[] { 17 })));
        });
    }

    [TestCase("sec1")]
    [TestCase("pkcs8")]
    public void An_EC_key_is_left_to_the_load(string form)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = form == "sec1" ? ecdsa.ExportECPrivateKeyPem() : ecdsa.ExportPkcs8PrivateKeyPem();

        Assert.Multiple(() =>
        {
            Assert.That(RsaKeyReader.TryPublicKeyInfo(Block(pem), Text(pem)), Is.Null);
            Assert.That(Kept(pem), Is.EqualTo(ecdsa.ExportSubjectPublicKeyInfo()));
        });
    }

    [TestCase("base64")]
    [TestCase("truncated")]
    [TestCase("flipped")]
    [TestCase("label")]
    public void A_damaged_key_is_not_read_and_gets_no_public_key_as_before(string damage)
    {
        using var rsa = RSA.Create(2048);
        var pem = CertificatesTests.Damage(rsa, damage);

        Assert.Multiple(() =>
        {
            Assert.That(RsaKeyReader.TryPublicKeyInfo(Block(pem), Text(pem)), Is.Null);
            Assert.That(Loaded(pem), Is.Null, "the load refuses it");
            Assert.That(Kept(pem), Is.Null);
        });
    }

    [TestCase("pkcs1")]
    [TestCase("pkcs8")]
    public void A_change_anywhere_in_the_key_is_decided_as_the_load_decides(string form)
    {
        // One character changed on each line of the body in turn: every number of the key (n, e, d, p, q and the CRT
        // values) is hit somewhere, and the encoding too.
        using var rsa = RSA.Create(2048);
        var pem = (form == "pkcs1" ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem()) + "\n";
        var lines = pem.TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            for (var line = 1; line < lines.Length - 1; line++)
            {
                foreach (var column in new[] { 5, 30, 60 })
                {
                    var changed = (string[])lines.Clone();
                    if (column >= changed[line].Length)
                    {
                        continue;
                    }

                    var c = changed[line][column];
                    changed[line] = changed[line][..column] + (c == 'A' ? 'B' : 'A') + changed[line][(column + 1)..];
                    var damaged = string.Join('\n', changed) + "\n";
                    Assert.That(Kept(damaged), Is.EqualTo(Loaded(damaged)), $"line {line}, column {column}");
                }
            }
        });
    }

    [TestCase("crlf")]
    [TestCase("wide")]
    public void A_key_in_another_PEM_layout_is_left_to_the_load(string layout)
    {
        using var rsa = RSA.Create(2048);
        var der = rsa.ExportRSAPrivateKey();
        var pem = layout == "crlf"
            ? rsa.ExportRSAPrivateKeyPem().Replace("\n", "\r\n", StringComparison.Ordinal)
            : "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n-----END RSA PRIVATE KEY-----";

        Assert.Multiple(() =>
        {
            Assert.That(RsaKeyReader.TryPublicKeyInfo(Block(pem), Text(pem)), Is.Null);
            Assert.That(Kept(pem), Is.EqualTo(Loaded(pem)));
        });
    }

    [TestCase("rsa")]
    [TestCase("ec")]
    public void A_certificate_public_key_is_read_as_dotnet_exports_it(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "rsa" ? RSA.Create(3072) : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var certificate = key is RSA rsa
            ? new CertificateRequest("CN=rsa.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1))
            : new CertificateRequest("CN=ec.test", (ECDsa)key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        Assert.That(Certificates.TryReadPublicKeyInfo(certificate), Is.EqualTo(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    [Test]
    public async Task The_keys_and_certificates_helm_generates_for_Cilium_are_read_as_dotnet_exports_them()
    {
        var manifest = await HubbleTlsRender.ManifestAsync();
        var slots = YamlReader.ReadDocuments(manifest, "render").SelectMany(d => PemSlot.FindAll(d.Root)).ToArray();
        var keys = slots.SelectMany(s => s.Value.Blocks.Where(b => b.IsPrivateKey).Select(b => (Block: b, Text: s.Value.TextOf(b)))).ToArray();
        var certificates = slots.SelectMany(s => s.Value.Blocks.Where(b => b.IsCertificate)).Select(b => b.TryGetBytes()!).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(keys, Has.Length.EqualTo(6), "the CA and five certificates' keys");
            foreach (var (block, text) in keys)
            {
                Assert.That(RsaKeyReader.TryPublicKeyInfo(block, text), Is.Not.Null.And.EqualTo(Loaded(text)));
            }

            foreach (var der in certificates)
            {
                using var certificate = X509CertificateLoader.LoadCertificate(der);
                Assert.That(Certificates.TryReadPublicKeyInfo(certificate), Is.Not.Null.And.EqualTo(Certificates.PublicKeyInfo(certificate)));
            }
        });
    }
}
