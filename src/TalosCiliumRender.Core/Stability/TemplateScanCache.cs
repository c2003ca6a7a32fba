using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Template scans kept next to the chart cache, keyed by the chart's content digest: a scan depends only on the
/// chart's bytes and on this tool's analyzer, so a warm render reads a small file instead of decompressing and
/// analysing every template again.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;root&gt;/scans/&lt;hex of the digest&gt;.json</c>, holding a format number, the tool build that
/// wrote it and the digest it is for. A file that is missing, unreadable, damaged, of another format or another build,
/// or for another digest is a miss: the scan is computed again and the file rewritten. The cache is an optimisation
/// only, so a folder that cannot be written is never an error.
/// </remarks>
internal sealed class TemplateScanCache(string root)
{
    /// <summary>Bumped whenever the file's shape changes.</summary>
    internal const int FormatVersion = 1;

    /// <summary>The file that holds the scan of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string PathFor(string digest) =>
        Path.Combine(root, "scans", digest.Replace("sha256:", string.Empty, StringComparison.Ordinal) + ".json");

    /// <summary>The cached scan for <paramref name="digest"/>, or <paramref name="scan"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="scan">Computes the scan on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The scan.</returns>
    public async Task<ChartTemplateScan> GetOrScanAsync(string digest, Func<CancellationToken, Task<ChartTemplateScan>> scan, CancellationToken cancellationToken)
    {
        var path = PathFor(digest);
        if (await TryReadAsync(path, digest, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var result = await scan(cancellationToken).ConfigureAwait(false);
        await TryWriteAsync(path, digest, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task<ChartTemplateScan?> TryReadAsync(string path, string digest, CancellationToken cancellationToken)
    {
        using var document = await CacheRecord.TryReadJsonAsync(path, FormatVersion, digest, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        try
        {
            var generators = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            foreach (var template in document.RootElement.GetProperty("generators").EnumerateObject())
            {
                var functions = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var function in template.Value.EnumerateArray())
                {
                    functions.Add(function.GetString() ?? throw new InvalidDataException("a null function name"));
                }

                generators[template.Name] = functions;
            }

            return new ChartTemplateScan(generators);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            return null;
        }
    }

    private static Task TryWriteAsync(string path, string digest, ChartTemplateScan scan, CancellationToken cancellationToken) =>
        CacheRecord.TryWriteAsync(path, Serialize(digest, scan), cancellationToken);

    private static byte[] Serialize(string digest, ChartTemplateScan scan) => CacheRecord.Json(FormatVersion, digest, writer =>
    {
        writer.WriteStartObject("generators");
        foreach (var (template, functions) in scan.Generators.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteStartArray(template);
            foreach (var function in functions.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(function);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    });
}
