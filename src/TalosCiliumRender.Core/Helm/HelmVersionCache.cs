using System.Globalization;
using System.Text.Json;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Remembers what <c>helm version --short</c> printed for a helm binary, so a warm render starts helm only for
/// <c>helm template</c>. One small file per binary identity (<see cref="HelmBinaryIdentity"/>) under
/// <c>&lt;chart cache&gt;/helm-versions/</c>.
/// </summary>
/// <remarks>
/// Everything here is best effort: a record that is missing, unreadable, damaged, written for another binary or
/// holding anything but a helm 3 or 4 version is a miss (helm is asked again), and a folder that cannot be written
/// only means helm is asked on every render. Records are written to a temporary file and renamed, so a concurrent
/// reader sees a whole record or none.
/// </remarks>
internal sealed class HelmVersionCache
{
    /// <summary>The subfolder of the chart cache that holds the records.</summary>
    public const string FolderName = "helm-versions";

    /// <summary>A record is a handful of short lines; anything larger is not ours.</summary>
    private const int MaxRecordBytes = 64 * 1024;

    /// <summary>Opens (without creating) the records under <paramref name="chartCacheRoot"/>.</summary>
    /// <param name="chartCacheRoot">The chart cache folder, from <see cref="ChartCache.RootFor"/>.</param>
    public HelmVersionCache(string chartCacheRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chartCacheRoot);
        Folder = Path.Combine(Path.GetFullPath(chartCacheRoot), FolderName);
    }

    /// <summary>The folder holding the records.</summary>
    public string Folder { get; }

    /// <summary>The version text remembered for <paramref name="identity"/>.</summary>
    /// <returns>The text, or <see langword="null"/> on a miss.</returns>
    public async Task<string?> TryReadAsync(HelmBinaryIdentity identity, CancellationToken cancellationToken)
    {
        var path = RecordPath(identity);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxRecordBytes)
            {
                return null;
            }

            var json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var key = root.GetProperty("key").GetString();
            var version = root.GetProperty("version").GetString();
            return key == identity.Key && version is not null && HelmLocator.ParseVersion(version) is { Major: 3 or 4 } ? version : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Remembers <paramref name="versionText"/> for <paramref name="identity"/>; a failure to write is ignored.</summary>
    public Task TryWriteAsync(HelmBinaryIdentity identity, string versionText, CancellationToken cancellationToken) =>
        CacheRecord.TryWriteAsync(RecordPath(identity), RecordJson(identity, versionText), cancellationToken);

    internal string RecordPath(HelmBinaryIdentity identity) =>
        Path.Combine(Folder, RecordName(identity.Key) + ".json");

    /// <summary>The record's file name: 64-bit FNV-1a of the key, in hex.</summary>
    /// <remarks>
    /// Not a cryptographic hash on purpose: the record holds its whole key and is trusted only when that matches, so
    /// the name needs no collision resistance, and a render of a local chart then loads no crypto library before helm
    /// starts (OpenSSL's first use costs milliseconds; the chart digest that needs it runs while helm does).
    /// </remarks>
    internal static string RecordName(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static byte[] RecordJson(HelmBinaryIdentity identity, string versionText)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("key", identity.Key);
            writer.WriteString("path", identity.ResolvedPath);
            writer.WriteNumber("size", identity.Size);
            writer.WriteNumber("modifiedTicks", identity.ModifiedTicks);
            writer.WriteNumber("createdTicks", identity.CreatedTicks);
            writer.WriteString("version", versionText);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
