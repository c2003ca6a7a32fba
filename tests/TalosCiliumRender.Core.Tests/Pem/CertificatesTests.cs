using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TalosCiliumRender.Core.Pem;

namespace TalosCiliumRender.Core.Tests.Pem;

/// <summary>Key-to-certificate matching in every PEM form a chart or a user may commit, and the reasons given.</summary>
public sealed class CertificatesTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static X509Certificate2 SelfSigned(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest("CN=rsa.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now, Now.AddDays(30)),
        ECDsa ecdsa => new CertificateRequest("CN=ec.test", ecdsa, HashAlgorithmName.SHA256).CreateSelfSigned(Now, Now.AddDays(30)),
        _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
    };

    /// <summary>The key in the form named: PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) or PKCS#8 (PRIVATE KEY).</summary>
    private static string Pem(AsymmetricAlgorithm key, string form) => (key, form) switch
    {
        (RSA rsa, "pkcs1") => rsa.ExportRSAPrivateKeyPem(),
        (ECDsa ecdsa, "sec1") => ecdsa.ExportECPrivateKeyPem(),
        (_, "pkcs8") => key.ExportPkcs8PrivateKeyPem(),
        _ => throw new ArgumentException("no such form for this key", nameof(form)),
    };

    private static string? Misfit(string pem, X509Certificate2 certificate) =>
        Certificates.KeyMisfit(PemValue.TryParse(pem)!.Blocks.Single(), pem, certificate);

    [TestCase("rsa", "pkcs1")]
    [TestCase("rsa", "pkcs8")]
    [TestCase("ec", "sec1")]
    [TestCase("ec", "pkcs8")]
    public void A_key_in_any_form_matches_its_own_certificate_and_no_other(string algorithm, string form)
    {
        using AsymmetricAlgorithm key = algorithm == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using AsymmetricAlgorithm sameKind = algorithm == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using AsymmetricAlgorithm otherKind = algorithm == "rsa" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using var own = SelfSigned(key);
        using var another = SelfSigned(sameKind);
        using var ofOtherKind = SelfSigned(otherKind);
        var pem = Pem(key, form);

        Assert.Multiple(() =>
        {
            Assert.That(Misfit(pem, own), Is.Null);
            Assert.That(Misfit(pem, another), Is.EqualTo("does not match the certificate: it is another key pair than the one the certificate names"));
            Assert.That(Misfit(pem, ofOtherKind), Does.StartWith("does not match the certificate: it is an "));
            Assert.That(Certificates.KeyDamage(PemValue.TryParse(pem)!.Blocks.Single(), pem), Is.Null);
        });
    }

    [Test]
    public void An_RSA_key_for_an_ECDSA_certificate_names_both_kinds()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned(ecdsa);

        Assert.That(Misfit(rsa.ExportRSAPrivateKeyPem(), certificate), Is.EqualTo("does not match the certificate: it is an RSA key, and the certificate holds an ECDSA key"));
    }

    [TestCase("base64", "is corrupt: the body of its 'RSA PRIVATE KEY' PEM block is not valid base64")]
    [TestCase("truncated", "is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable RSA or ECDSA private key")]
    [TestCase("flipped", "is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable RSA or ECDSA private key")]
    [TestCase("label", "is corrupt: its 'RSA PRIVATE KEY' PEM block does not hold a readable RSA or ECDSA private key")]
    public void A_damaged_key_inside_intact_armour_is_corrupt(string damage, string reason)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        var pem = Damage(rsa, damage);

        var block = PemValue.TryParse(pem)!.Blocks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(block.IsPrivateKey, Is.True, "the armour is intact: the block is found");
            Assert.That(Misfit(pem, certificate), Does.StartWith(reason));
            Assert.That(Certificates.KeyDamage(block, pem), Does.StartWith(reason));
        });
    }

    /// <summary>Damage as a bad copy, merge or editor makes it, always inside a well-formed BEGIN/END pair.</summary>
    internal static string Damage(RSA key, string damage) => damage == "label"
        ? key.ExportPkcs8PrivateKeyPem().Replace("PRIVATE KEY", "RSA PRIVATE KEY", StringComparison.Ordinal) + "\n" // a PKCS#8 body under the PKCS#1 label
        : Damage(key.ExportRSAPrivateKeyPem() + "\n", damage);

    /// <inheritdoc cref="Damage(RSA, string)"/>
    internal static string Damage(string pem, string damage)
    {
        var lines = pem.TrimEnd('\n').Split('\n');
        var body = lines[1..^1];
        switch (damage)
        {
            case "base64":
                // '=' in the middle of the body: still PEM's alphabet, no longer base64.
                body[3] = body[3][..10] + "=" + body[3][11..];
                break;
            case "truncated":
                body = body[..(body.Length / 2)];
                break;
            case "flipped":
                // One letter changed in the modulus: valid base64 and DER, but no longer a consistent RSA key.
                body[2] = body[2][..20] + (body[2][20] == 'A' ? 'B' : 'A') + body[2][21..];
                break;
            default:
                throw new ArgumentException("unknown damage", nameof(damage));
        }

        return string.Join('\n', [lines[0], .. body, lines[^1]]) + "\n";
    }

    [Test]
    public void A_key_of_an_algorithm_dotnet_cannot_load_needs_only_well_formed_DER()
    {
        // An Ed25519 PKCS#8 key (RFC 8410, section 10.3's example): .NET does not load it, but it is whole.
        const string ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        const string cut = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp\n-----END PRIVATE KEY-----\n";

        Assert.Multiple(() =>
        {
            Assert.That(Certificates.KeyDamage(PemValue.TryParse(ed25519)!.Blocks.Single(), ed25519), Is.Null);
            Assert.That(Certificates.KeyDamage(PemValue.TryParse(cut)!.Blocks.Single(), cut), Does.StartWith("is corrupt: "));
        });
    }
}
