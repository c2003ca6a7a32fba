using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TalosCiliumRender.Core.Pem;

/// <summary>
/// Loading certificates and private keys from PEM blocks, and the facts about them that carry-over, check mode and
/// diff compare. Nothing here ever formats key or certificate content into a string for people.
/// </summary>
internal static class Certificates
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>Loads a certificate from its DER bytes; null when they are not a certificate.</summary>
    public static X509Certificate2? TryLoad(byte[]? der)
    {
        if (der is null)
        {
            return null;
        }

        try
        {
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadCertificate(der);
#else
            return new X509Certificate2(der);
#endif
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Loads an RSA or ECDSA private key from PEM text; null for other algorithms or damaged keys.</summary>
    public static AsymmetricAlgorithm? TryLoadPrivateKey(string pem) => TryImport(RSA.Create(), pem) ?? TryImport(ECDsa.Create(), pem);

    private static AsymmetricAlgorithm? TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    /// <summary>
    /// What is wrong with a private key that should belong to <paramref name="certificate"/>: null when it parses and
    /// is the certificate's key pair, else a phrase to follow "its key 'x' " (<c>is corrupt: …</c> or
    /// <c>does not match the certificate: …</c>) that names kinds and labels only, never content.
    /// </summary>
    /// <remarks>
    /// The public halves are compared (SubjectPublicKeyInfo bytes), and the private half must sign what the
    /// certificate's public key verifies: a key whose public part is intact but whose private part is damaged fails the
    /// second test on platforms whose import does not check the key's consistency itself (OpenSSL does).
    /// </remarks>
    public static string? KeyMisfit(PemBlock keyBlock, string keyPem, X509Certificate2 certificate)
    {
        using var key = TryLoadPrivateKey(keyPem);
        if (key is null)
        {
            return Unreadable(keyBlock);
        }

        var certificateKind = certificate.GetKeyAlgorithm() switch
        {
            RsaOid => "an RSA key",
            EcOid => "an ECDSA key",
            _ => "a key of another algorithm",
        };
        var keyKind = key is RSA ? "an RSA key" : "an ECDSA key";
        if (keyKind != certificateKind)
        {
            return $"does not match the certificate: it is {keyKind}, and the certificate holds {certificateKind}";
        }

        if (!PublicKeyInfo(key).AsSpan().SequenceEqual(PublicKeyInfo(certificate)))
        {
            return "does not match the certificate: it is another key pair than the one the certificate names";
        }

        return ProvesPossession(key, certificate) ? null : "is corrupt: its private part does not sign what the certificate's public key verifies";
    }

    /// <summary>
    /// What is wrong with a private key on its own: null when it is an RSA or ECDSA key that parses, or a key of another
    /// algorithm that is at least well-formed DER; else a phrase like <see cref="KeyMisfit"/>'s.
    /// </summary>
    public static string? KeyDamage(PemBlock keyBlock, string keyPem)
    {
        using var key = TryLoadPrivateKey(keyPem);
        if (key is not null)
        {
            return null;
        }

        // Ed25519 and other keys .NET cannot load: the encoding at least must be whole.
        return keyBlock.Label == "PRIVATE KEY" && keyBlock.TryGetBytes() is { } der && IsSingleDerValue(der) ? null : Unreadable(keyBlock);
    }

    public static byte[] PublicKeyInfo(X509Certificate2 certificate) => certificate.PublicKey.ExportSubjectPublicKeyInfo();

    public static byte[] PublicKeyInfo(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfo();

    private static string Unreadable(PemBlock keyBlock) => keyBlock.TryGetBytes() is null
        ? $"is corrupt: the body of its '{keyBlock.Label}' PEM block is not valid base64"
        : $"is corrupt: its '{keyBlock.Label}' PEM block does not hold a readable RSA or ECDSA private key (damaged, truncated, encrypted, or a body that does not fit the label)";

    private static bool IsSingleDerValue(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            _ = reader.ReadEncodedValue();
            return !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static bool ProvesPossession(AsymmetricAlgorithm key, X509Certificate2 certificate)
    {
        ReadOnlySpan<byte> challenge = "talos-cilium carry-over key check"u8;
        try
        {
            switch (key)
            {
                case RSA rsa:
                    using (var publicKey = certificate.GetRSAPublicKey())
                    {
                        var signature = rsa.SignData(challenge.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                        return publicKey?.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) == true;
                    }

                case ECDsa ecdsa:
                    using (var publicKey = certificate.GetECDsaPublicKey())
                    {
                        var signature = ecdsa.SignData(challenge.ToArray(), HashAlgorithmName.SHA256);
                        return publicKey?.VerifyData(challenge, signature, HashAlgorithmName.SHA256) == true;
                    }

                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    /// <summary>The DNS names and IP addresses the certificate is for, sorted, so order does not matter.</summary>
    public static IReadOnlyList<string> AlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SubjectAlternativeNameOid];
        if (extension is null)
        {
            return [];
        }

        try
        {
            var names = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            return names.EnumerateDnsNames().Select(n => "DNS:" + n)
                .Concat(names.EnumerateIPAddresses().Select(a => "IP:" + a))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (CryptographicException)
        {
            // Names of kinds .NET does not enumerate: compare the encoded extension instead.
            return [Convert.ToBase64String(extension.RawData)];
        }
    }

    /// <summary>True when <paramref name="issuer"/>'s key made <paramref name="certificate"/>'s signature.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
            var signed = reader.ReadEncodedValue();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            using var rsa = issuer.GetRSAPublicKey();
            using var ecdsa = rsa is null ? issuer.GetECDsaPublicKey() : null;
            return algorithm switch
            {
                "1.2.840.113549.1.1.11" => rsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) == true,
                "1.2.840.113549.1.1.12" => rsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1) == true,
                "1.2.840.113549.1.1.13" => rsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1) == true,
                "1.2.840.10045.4.3.2" => ecdsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) == true,
                "1.2.840.10045.4.3.3" => ecdsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence) == true,
                "1.2.840.10045.4.3.4" => ecdsa?.VerifyData(signed.Span, signature, HashAlgorithmName.SHA512, DSASignatureFormat.Rfc3279DerSequence) == true,
                _ => false,
            };
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }
}
