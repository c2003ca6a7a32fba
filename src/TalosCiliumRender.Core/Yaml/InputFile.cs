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
    /// <param name="requireUtf8">Refuse bytes that are not UTF-8 (a file without a byte order mark) instead of reading them as U+FFFD, as helm refuses a values file.</param>
    /// <exception cref="DiagnosticException">TCR3004 when the file cannot be read, TCR3007 when it is too large; TCR0022 when <paramref name="requireUtf8"/> and it is not UTF-8.</exception>
    public static async Task<string> ReadTextAsync(string fullPath, string displayPath, SourceLocation location, CancellationToken cancellationToken, bool requireUtf8 = false)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadBytesAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(location, displayPath, e.Message);
        }

        if (requireUtf8)
        {
            RequireUtf8(bytes, displayPath);
        }

        return Decode(bytes);
    }

    /// <summary>TCR0022 with the file, line and byte offset of the first byte that is not UTF-8 (a UTF-16/32 byte order mark exempts the file).</summary>
    private static void RequireUtf8(byte[] bytes, string displayPath)
    {
        if (bytes is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            return;
        }

        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return;
        }

        var line = bytes.AsSpan(0, valid).Count((byte)'\n') + 1;
        throw DiagnosticCatalog.FileNotUtf8.Exception(new SourceLocation(displayPath, line), displayPath, valid, bytes[valid]);
    }

    /// <summary>
    /// Reads a whole file, but no more than <see cref="YamlLimits.MaxFileBytes"/>: also a device or pipe that never
    /// ends (<c>/dev/zero</c>) or whose size the file system does not know (<c>/proc</c>) stops at the limit.
    /// </summary>
    /// <param name="fullPath">The file to read.</param>
    /// <param name="displayPath">The path as the user gave it, named in the error.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="DiagnosticException">TCR3007 when the file is larger than the limit.</exception>
    public static async Task<byte[]> ReadBytesAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        const int limit = YamlLimits.MaxFileBytes;
        var options = new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.Asynchronous };
        var stream = new FileStream(fullPath, options);
        await using (stream.ConfigureAwait(false))
        {
            // A regular file is read in one call into an array of its size; a one-byte read then shows that it did
            // not grow meanwhile. A size of 0 is also what devices and /proc report, so those are read in chunks.
            var known = stream.CanSeek ? stream.Length : 0;
            if (known is > 0 and <= limit)
            {
                // Read synchronously: a regular file's bytes are at hand, and an asynchronous read costs a thread-pool
                // hop per call (a cold pool's first is milliseconds, before helm starts when this is the output's read).
                var exact = new byte[known];
                var got = ReadAtLeast(stream.SafeFileHandle, exact, cancellationToken);
                if (got == exact.Length && RandomAccess.Read(stream.SafeFileHandle, new byte[1], known) == 0)
                {
                    return exact;
                }

                stream.Position = 0;
            }

            var buffer = new byte[known > limit ? limit + 1 : 64 * 1024];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw TooLarge(buffer, displayPath);
                    }

                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            Array.Resize(ref buffer, length);
            return buffer;
        }
    }

    /// <summary>Reads from the start of a regular file until <paramref name="buffer"/> is full or the file ends.</summary>
    private static int ReadAtLeast(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, CancellationToken cancellationToken)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(handle, buffer.AsSpan(got), got);
            if (read == 0)
            {
                break;
            }

            got += read;
        }

        return got;
    }

    private static DiagnosticException TooLarge(byte[] bytes, string displayPath)
    {
        // The position of the first byte beyond the limit, as line and column (of bytes) of the file.
        var within = bytes.AsSpan(0, YamlLimits.MaxFileBytes);
        var lastBreak = within.LastIndexOf((byte)'\n');
        var location = new SourceLocation(displayPath, within.Count((byte)'\n') + 1, within.Length - lastBreak);
        return DiagnosticCatalog.InputTooLarge.Exception(location, displayPath, YamlLimits.MaxFileBytes / (1024 * 1024));
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
