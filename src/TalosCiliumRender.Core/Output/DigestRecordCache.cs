using System.Text.Json;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// What a render remembers about a chart, keyed by the chart's content digest: one JSON record per digest in a folder
/// of the chart cache (<see cref="CacheRecord.Json"/>: format, build, digest, then the record's own members). A record
/// that is missing, unreadable, damaged, of another format or build, or for another digest is a miss: the value is
/// computed again and the record rewritten. The cache is an optimisation only, so a folder that cannot be written is
/// never an error.
/// </summary>
/// <typeparam name="T">What is remembered.</typeparam>
/// <param name="folder">The record folder (<c>&lt;chart cache&gt;/scans</c>, <c>…/values</c>).</param>
/// <param name="format">The record shape's version, bumped whenever it changes.</param>
/// <param name="read">Reads the record's own members; throws <see cref="InvalidDataException"/>, <see cref="KeyNotFoundException"/> or <see cref="InvalidOperationException"/> on a shape it does not know.</param>
/// <param name="write">Writes the record's own members.</param>
internal sealed class DigestRecordCache<T>(string folder, int format, Func<JsonElement, T> read, Action<Utf8JsonWriter, T> write)
    where T : class
{
    /// <summary>The file that holds the record for <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    public string PathFor(string digest) =>
        Path.Combine(folder, digest.Replace("sha256:", string.Empty, StringComparison.Ordinal) + ".json");

    /// <summary>The remembered value for <paramref name="digest"/>, or <paramref name="compute"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="compute">Computes the value on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The value.</returns>
    public async Task<T> GetOrComputeAsync(string digest, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        var path = PathFor(digest);
        if (await TryReadAsync(path, digest, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var value = await compute(cancellationToken).ConfigureAwait(false);
        await TryWriteAsync(digest, value, cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="digest"/>; a failure to write is ignored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="value">What to remember.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public Task TryWriteAsync(string digest, T value, CancellationToken cancellationToken) =>
        CacheRecord.TryWriteAsync(PathFor(digest), CacheRecord.Json(format, digest, writer => write(writer, value)), cancellationToken);

    /// <summary>The remembered value for <paramref name="digest"/>, if there is one.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The value, or <see langword="null"/> on a miss.</returns>
    public Task<T?> TryGetAsync(string digest, CancellationToken cancellationToken) => TryReadAsync(PathFor(digest), digest, cancellationToken);

    private async Task<T?> TryReadAsync(string path, string digest, CancellationToken cancellationToken)
    {
        using var document = await CacheRecord.TryReadJsonAsync(path, format, digest, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        try
        {
            return read(document.RootElement);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            return null;
        }
    }
}
