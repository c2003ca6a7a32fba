using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TalosCiliumRender.Core.Tests.Diff;

/// <summary>Self-signed certificates and keys as base64 PEM, the way the chart's genCA puts them into Secret data.</summary>
internal static class TestCertificates
{
    public static (string Certificate, string Key) Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return (Base64(certificate.ExportCertificatePem()), Base64(rsa.ExportRSAPrivateKeyPem()));
    }

    /// <summary>A certificate issued just now and valid for three years, as a render makes it.</summary>
    public static (string Certificate, string Key) Fresh(string subject = "CN=Cilium CA") =>
        Create(subject, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddYears(3));

    public static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    public static string Secret(string name, string certificate, string key) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: kube-system\ndata:\n  ca.crt: {certificate}\n  ca.key: {key}\n";
}
