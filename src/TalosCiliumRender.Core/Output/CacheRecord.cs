using System.Reflection;
using System.Text.Json;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Writes of what a render only remembers to go faster next time (helm's version, a chart's template scan): whole or
/// not at all, so a concurrent render never reads half a record, and never an error, since the next render just
/// recomputes what it cannot read.
/// </summary>
internal static class CacheRecord
{
    /// <summary>
    /// The tool build that writes a record: the full informational version (with its +commit metadata), so a build
    /// with another analyzer never trusts this one's records.
    /// </summary>
    public static readonly string Build =
        typeof(CacheRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    // Records hold trees as deep as a chart's values (the YAML reader's own limit is below this).
    private const int MaxDepth = 4096;

    /// <summary>A JSON record for <paramref name="digest"/>: its format, this build, the digest, then <paramref name="body"/>'s members.</summary>
    /// <param name="format">The record shape's version.</param>
    /// <param name="digest">What the record is for (a chart's content digest).</param>
    /// <param name="body">Writes the record's own members.</param>
    /// <returns>The bytes to write.</returns>
    public static byte[] Json(int format, string digest, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", format);
            writer.WriteString("build", Build);
            writer.WriteString("digest", digest);
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a record <see cref="Json"/> wrote, or null when the file is missing, unreadable, not JSON, or of another
    /// format, build or digest: a miss, never an error.
    /// </summary>
    /// <param name="path">The record's file.</param>
    /// <param name="format">The format the caller reads.</param>
    /// <param name="digest">The digest it must be for.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The document (the caller disposes it), or null.</returns>
    /// <remarks>
    /// Read synchronously: a record is a small local file, and an asynchronous read would cost a thread-pool hop before
    /// helm starts (a cold pool's first hop is milliseconds) to save microseconds of blocking.
    /// </remarks>
    public static Task<JsonDocument?> TryReadJsonAsync(string path, int format, string digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(TryReadJson(path, format, digest));
    }

    private static JsonDocument? TryReadJson(string path, int format, string digest)
    {
        JsonDocument? document = null;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = MaxDepth });
            var top = document.RootElement;
            if (top.ValueKind == JsonValueKind.Object
                && top.TryGetProperty("format", out var recordFormat) && recordFormat.ValueKind == JsonValueKind.Number && recordFormat.TryGetInt32(out var number) && number == format
                && top.TryGetProperty("build", out var build) && build.ValueKind == JsonValueKind.String && build.GetString() == Build
                && top.TryGetProperty("digest", out var recordDigest) && recordDigest.ValueKind == JsonValueKind.String && recordDigest.GetString() == digest)
            {
                var found = document;
                document = null;
                return found;
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file and a rename; a failure is ignored.</summary>
    /// <param name="path">The record's file.</param>
    /// <param name="content">The whole record.</param>
    /// <param name="cancellationToken">Cancels the write (the temporary file is removed).</param>
    public static async Task TryWriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not writable (read-only home, full disk, a file where the folder should be): recomputed next time.
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> whole or not at all (a temporary file beside it,
    /// then a rename), for records whose failure the caller reports; the folder must exist.
    /// </summary>
    /// <param name="path">The record's file.</param>
    /// <param name="content">The whole record.</param>
    /// <param name="cancellationToken">Cancels the write (the temporary file is removed).</param>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind in a folder we could not write anyway; a later write uses another name.
            }
        }
    }
}
