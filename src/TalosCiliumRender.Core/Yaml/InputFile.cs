using System.Text;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>Reads the text of a file the user named (manifests, values, kustomizations, patches).</summary>
internal static class InputFile
{
    /// <summary>
    /// Reads a whole file as <see cref="File.ReadAllTextAsync(string, CancellationToken)"/> would (UTF-8 unless a
    /// byte order mark says otherwise), but in one read: its chunked reads cost a thread-pool hop per 4 KiB, which is
    /// most of the time spent on a small kustomization.
    /// </summary>
    /// <param name="fullPath">The file to read.</param>
    /// <param name="displayPath">The path as the user gave it, named in the error.</param>
    /// <param name="location">Where the file was named, for the error.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="DiagnosticException">TCR3004 when the file cannot be read.</exception>
    public static async Task<string> ReadTextAsync(string fullPath, string displayPath, SourceLocation location, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(location, displayPath, e.Message);
        }

        return Decode(bytes);
    }

    /// <summary>Decodes like <see cref="StreamReader"/> with byte order mark detection; invalid bytes become U+FFFD.</summary>
    public static string Decode(byte[] bytes)
    {
        var utf8Bom = Encoding.UTF8.Preamble;
        if (bytes.AsSpan().StartsWith(utf8Bom))
        {
            return Encoding.UTF8.GetString(bytes, utf8Bom.Length, bytes.Length - utf8Bom.Length);
        }

        if (bytes is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
