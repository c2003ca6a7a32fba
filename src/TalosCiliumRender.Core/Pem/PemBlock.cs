namespace TalosCiliumRender.Core.Pem;

/// <summary>One <c>-----BEGIN …-----</c> … <c>-----END …-----</c> block inside a text.</summary>
/// <param name="Label">The label: <c>CERTIFICATE</c>, <c>RSA PRIVATE KEY</c>, ….</param>
/// <param name="Body">The base64 body without whitespace: the block's identity.</param>
/// <param name="Start">Index of the <c>-----BEGIN</c> in the text.</param>
/// <param name="Length">Length up to the end of the <c>-----END …-----</c> line, without its line break.</param>
internal sealed record PemBlock(string Label, string Body, int Start, int Length)
{
    public bool IsCertificate => Label == "CERTIFICATE";

    public bool IsPrivateKey => Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal);

    /// <summary>The block's bytes; null when the body is not valid base64.</summary>
    public byte[]? TryGetBytes()
    {
        var buffer = new byte[Body.Length];
        return Convert.TryFromBase64String(Body, buffer, out var written) ? buffer[..written] : null;
    }
}
