using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// The one certificate the carry-over makes: one like the chart's fresh certificate, signed by a carried CA. Reading
/// certificates and keys is the PEM module's (<see cref="Pem.Certificates"/>); only carry-over issues.
/// </summary>
internal static class CertificateIssuer
{
    private const string SubjectKeyIdentifierOid = "2.5.29.14";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    /// <summary>
    /// Issues a certificate like <paramref name="model"/> (subject, alternative names, key usages, validity
    /// length) for <paramref name="subjectKey"/>, signed by <paramref name="authority"/>, valid from
    /// <paramref name="now"/>, never beyond the authority's own expiry.
    /// </summary>
    /// <returns>The certificate as PEM text, without a trailing line break.</returns>
    public static string Issue(X509Certificate2 model, PublicKey subjectKey, X509Certificate2 authority, AsymmetricAlgorithm authorityKey, DateTimeOffset now)
    {
        var request = new CertificateRequest(model.SubjectName, subjectKey, HashAlgorithmName.SHA256);
        foreach (var extension in model.Extensions)
        {
            var oid = extension.Oid?.Value;
            if (oid is SubjectKeyIdentifierOid)
            {
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(subjectKey, critical: false));
            }
            else if (oid is not AuthorityKeyIdentifierOid && extension.Oid is not null)
            {
                request.CertificateExtensions.Add(new X509Extension(extension.Oid, extension.RawData, extension.Critical));
            }
        }

        if (authority.Extensions[SubjectKeyIdentifierOid] is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }

        // Whole seconds, like Go's x509 encoding; validity as long as the chart gives a fresh certificate.
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var notAfter = notBefore + (new DateTimeOffset(model.NotAfter) - new DateTimeOffset(model.NotBefore));
        var authorityNotAfter = new DateTimeOffset(authority.NotAfter);
        if (notAfter > authorityNotAfter)
        {
            notAfter = authorityNotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var generator = authorityKey switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
            _ => throw new NotSupportedException($"Cannot sign with a {authorityKey.GetType().Name} key."),
        };
        using var certificate = request.Create(authority.SubjectName, generator, notBefore, notAfter, serial);
        return new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", certificate.RawData));
    }
}
