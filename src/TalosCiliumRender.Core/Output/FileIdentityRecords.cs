using System.Text.Json;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// One remembered value per file identity (<see cref="FileIdentity"/>): what a file's bytes gave last time (helm's
/// version, a chart archive's digest), so a warm render need not run or read the file again. One small JSON file per
/// identity in <paramref name="folder"/>, named <see cref="FileIdentity.RecordName"/>, holding the whole identity key.
/// </summary>
/// <remarks>
/// Everything here is best effort: a record that is missing, unreadable, damaged, written for another file or holding
/// a value the caller does not accept is a miss, and a folder that cannot be written only means the value is worked
/// out on every render. Records are written whole or not at all (<see cref="CacheRecord.TryWriteAsync"/>).
/// </remarks>
/// <param name="folder">The folder holding the records.</param>
/// <param name="valueName">The record member that holds the value (<c>version</c>, <c>digest</c>).</param>
internal sealed class FileIdentityRecords(string folder, string valueName)
{
    /// <summary>A record is a handful of short lines; anything larger is not ours.</summary>
    private const int MaxRecordBytes = 64 * 1024;

    /// <summary>The folder holding the records.</summary>
    public string Folder { get; } = folder;

    /// <summary>The file that holds the record of <paramref name="identity"/>, whether or not it exists.</summary>
    public string RecordPath(FileIdentity identity) => Path.Combine(Folder, identity.RecordName + ".json");

    /// <summary>The value remembered for <paramref name="identity"/>, when <paramref name="accept"/> takes it.</summary>
    /// <returns>The value, or <see langword="null"/> on a miss.</returns>
    /// <remarks>Read synchronously, as <see cref="CacheRecord.TryReadJsonAsync"/> reads, and for the same reason.</remarks>
    public Task<string?> TryReadAsync(FileIdentity identity, Func<string, bool> accept, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(TryRead(identity, accept));
    }

    private string? TryRead(FileIdentity identity, Func<string, bool> accept)
    {
        var path = RecordPath(identity);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxRecordBytes)
            {
                return null;
            }

            var json = File.ReadAllBytes(path);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var key = root.GetProperty("key").GetString();
            var value = root.GetProperty(valueName).GetString();
            return key == identity.Key && value is not null && accept(value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="identity"/>; a failure to write is ignored.</summary>
    public Task TryWriteAsync(FileIdentity identity, string value, CancellationToken cancellationToken) =>
        CacheRecord.TryWriteAsync(RecordPath(identity), RecordJson(identity, value), cancellationToken);

    private byte[] RecordJson(FileIdentity identity, string value)
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
            writer.WriteString(valueName, value);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
