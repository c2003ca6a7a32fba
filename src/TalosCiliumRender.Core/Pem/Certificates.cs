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
        return KeyMisfit(keyBlock, key, certificate, () => PublicKeyInfo(key!), () => PublicKeyInfo(certificate), () =>
        {
            using var verifier = Verifier.Of(certificate);
            return ProvesPossession(key!, verifier);
        });
    }

    /// <summary>
    /// <see cref="KeyMisfit(PemBlock, string, X509Certificate2)"/> for a key loaded already (null when it did not
    /// load), with both SubjectPublicKeyInfos and the possession test given, so that a caller can keep them.
    /// </summary>
    public static string? KeyMisfit(
        PemBlock keyBlock, AsymmetricAlgorithm? key, X509Certificate2 certificate, Func<byte[]> keyInfo, Func<byte[]> certificateKeyInfo, Func<bool> provesPossession)
    {
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

        if (!keyInfo().AsSpan().SequenceEqual(certificateKeyInfo()))
        {
            return "does not match the certificate: it is another key pair than the one the certificate names";
        }

        return provesPossession() ? null : "is corrupt: its private part does not sign what the certificate's public key verifies";
    }

    /// <summary>
    /// What is wrong with a private key on its own: null when it is an RSA or ECDSA key that parses, or a key of another
    /// algorithm that is at least well-formed DER; else a phrase like <see cref="KeyMisfit(PemBlock, string, X509Certificate2)"/>'s.
    /// </summary>
    public static string? KeyDamage(PemBlock keyBlock, string keyPem)
    {
        using var key = TryLoadPrivateKey(keyPem);
        return KeyDamage(keyBlock, key);
    }

    /// <summary><see cref="KeyDamage(PemBlock, string)"/> for a key loaded already (null when it did not load).</summary>
    public static string? KeyDamage(PemBlock keyBlock, AsymmetricAlgorithm? key)
    {
        if (key is not null)
        {
            return null;
        }

        // Ed25519 and other keys .NET cannot load: the encoding at least must be whole.
        return keyBlock.Label == "PRIVATE KEY" && keyBlock.TryGetBytes() is { } der && IsSingleDerValue(der) ? null : Unreadable(keyBlock);
    }

    public static byte[] PublicKeyInfo(X509Certificate2 certificate) => certificate.PublicKey.ExportSubjectPublicKeyInfo();

    public static byte[] PublicKeyInfo(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfo();

    /// <summary>
    /// <see cref="PublicKeyInfo(X509Certificate2)"/> read from the certificate's encoding, without the OpenSSL calls
    /// behind <see cref="X509Certificate2.PublicKey"/>; null unless it is an RSA key (NULL parameters) or an EC key (a
    /// named curve) in DER, whose encoding the export writes back byte for byte.
    /// </summary>
    public static byte[]? TryReadPublicKeyInfo(X509Certificate2 certificate)
    {
        try
        {
            var outer = new AsnReader(certificate.RawData, AsnEncodingRules.DER);
            var tbs = outer.ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                _ = tbs.ReadEncodedValue(); // version
            }

            for (var i = 0; i < 5; i++)
            {
                _ = tbs.ReadEncodedValue(); // serial, signature, issuer, validity, subject
            }

            var encoded = tbs.ReadEncodedValue();
            var info = new AsnReader(encoded, AsnEncodingRules.DER);
            var spki = info.ReadSequence();
            var algorithm = spki.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            switch (oid)
            {
                case RsaOid:
                    algorithm.ReadNull();
                    break;
                case EcOid:
                    _ = algorithm.ReadObjectIdentifier();
                    break;
                default:
                    return null;
            }

            if (algorithm.HasData || !spki.TryReadPrimitiveBitString(out var unused, out _) || unused != 0 || spki.HasData || info.HasData)
            {
                return null;
            }

            return encoded.ToArray();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

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

    /// <summary>True when <paramref name="key"/> signs what the certificate's public key (<paramref name="verifier"/>) verifies.</summary>
    public static bool ProvesPossession(AsymmetricAlgorithm key, Verifier verifier)
    {
        ReadOnlySpan<byte> challenge = "talos-cilium carry-over key check"u8;
        try
        {
            switch (key)
            {
                case RSA rsa:
                    {
                        var publicKey = verifier.Rsa;
                        var signature = rsa.SignData(challenge.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                        return publicKey?.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) == true;
                    }

                case ECDsa ecdsa:
                    {
                        var publicKey = verifier.Ecdsa;
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
        if (!MayBeSignedBy(certificate, issuer))
        {
            return false;
        }

        using var verifier = Verifier.Of(issuer);
        return IsSignedBy(certificate, verifier);
    }

    /// <summary>False when the names already tell that <paramref name="issuer"/> did not sign <paramref name="certificate"/>.</summary>
    public static bool MayBeSignedBy(X509Certificate2 certificate, X509Certificate2 issuer) =>
        certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData);

    /// <summary>
    /// <see cref="IsSignedBy(X509Certificate2, X509Certificate2)"/> once <see cref="MayBeSignedBy"/> holds, with the
    /// issuer's public key given.
    /// </summary>
    public static bool IsSignedBy(X509Certificate2 certificate, Verifier issuer)
    {
        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
            var signed = reader.ReadEncodedValue();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            var (rsa, ecdsa) = (issuer.Rsa, issuer.Ecdsa);
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

    /// <summary>
    /// A certificate's public key, loaded once for every signature checked with it: RSA, else ECDSA, neither when it
    /// is of another algorithm or does not load (then nothing verifies).
    /// </summary>
    internal sealed class Verifier : IDisposable
    {
        private Verifier(RSA? rsa, ECDsa? ecdsa) => (Rsa, Ecdsa) = (rsa, ecdsa);

        public RSA? Rsa { get; }

        public ECDsa? Ecdsa { get; }

        public static Verifier Of(X509Certificate2 certificate)
        {
            RSA? rsa = null;
            try
            {
                rsa = certificate.GetRSAPublicKey();
                return new Verifier(rsa, rsa is null ? certificate.GetECDsaPublicKey() : null);
            }
            catch (CryptographicException)
            {
                rsa?.Dispose();
                return new Verifier(null, null);
            }
        }

        public void Dispose()
        {
            Rsa?.Dispose();
            Ecdsa?.Dispose();
        }
    }
}
