using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TalosCiliumRender.Core.Diff;

/// <summary>
/// A Secret data value that holds base64-encoded PEM: a certificate or a private key that parses. Used to compare
/// certificates a chart generates anew on every render (sprig's <c>genCA</c>/<c>genSignedCert</c>) by validity,
/// not by bytes.
/// </summary>
/// <param name="Label">The PEM label, such as <c>CERTIFICATE</c> or <c>RSA PRIVATE KEY</c>.</param>
/// <param name="Subject">The certificate's subject; <see langword="null"/> for keys.</param>
/// <param name="NotBefore">Start of the certificate's validity; <see langword="null"/> for keys.</param>
/// <param name="NotAfter">End of the certificate's validity; <see langword="null"/> for keys.</param>
internal sealed record PemValue(string Label, string? Subject, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter)
{
    public bool IsCertificate => Subject is not null;

    /// <summary>Decodes and parses a Secret data value; <see langword="null"/> when it is not valid base64 PEM of a certificate or key.</summary>
    public static PemValue? Parse(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.ASCII.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            return null;
        }

        var label = text[fields.Label];
        try
        {
            if (label == "CERTIFICATE")
            {
                using var certificate = X509Certificate2.CreateFromPem(text);
                return new PemValue(label, certificate.Subject, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
            }

            return label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && IsPrivateKey(text) ? new PemValue(label, null, null, null) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsPrivateKey(string pem)
    {
        // The chart's keys are RSA; ECDSA covers "EC PRIVATE KEY" and PKCS#8 EC keys from other charts.
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // Not RSA: try ECDSA.
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
