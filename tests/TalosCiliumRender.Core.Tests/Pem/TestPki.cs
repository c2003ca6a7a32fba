using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TalosCiliumRender.Core.Tests.Pem;

/// <summary>
/// Certificates and keys made the way sprig's genCA/genSignedCert make them (RSA, PEM with a final line break), and as
/// base64 PEM the way the chart puts them into Secret data.
/// </summary>
internal static class TestPki
{
    public sealed record Pair(X509Certificate2 Certificate, RSA Key)
    {
        public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

        public string KeyPem => Key.ExportRSAPrivateKeyPem() + "\n";
    }

    public static Pair Authority(string name, DateTimeOffset notBefore, int days)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new Pair(request.CreateSelfSigned(notBefore, notBefore.AddDays(days)), key);
    }

    public static Pair Leaf(string name, string[] dnsNames, Pair? authority, DateTimeOffset notBefore, int days)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(names.Build());
        if (authority is null)
        {
            return new Pair(request.CreateSelfSigned(notBefore, notBefore.AddDays(days)), key);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(authority.Certificate, notBefore, notBefore.AddDays(days), serial);
        return new Pair(signed.CopyWithPrivateKey(key), key);
    }

    /// <summary>A self-signed certificate and its key, each as base64 PEM.</summary>
    public static (string Certificate, string Key) SelfSignedBase64(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return (Base64(certificate.ExportCertificatePem()), Base64(rsa.ExportRSAPrivateKeyPem()));
    }

    /// <summary>A certificate issued just now and valid for three years, as a render makes it, with its key; both base64 PEM.</summary>
    public static (string Certificate, string Key) FreshBase64(string subject = "CN=Cilium CA") =>
        SelfSignedBase64(subject, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddYears(3));

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A Secret with a CA certificate and key in <c>data</c>, as the chart's <c>cilium-ca</c>.</summary>
    public static string CaSecret(string name, string certificate, string key) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: kube-system\ndata:\n  ca.crt: {certificate}\n  ca.key: {key}\n";
}
