using System.Text.Json;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Template scans kept next to the chart cache, keyed by the chart's content digest: a scan depends only on the
/// chart's bytes and on this tool's analyzer, so a warm render reads a small file instead of decompressing and
/// analysing every template again.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;root&gt;/scans/&lt;hex of the digest&gt;.json</c> (<see cref="DigestRecordCache{T}"/>: format, tool
/// build and digest, then the generators per template). Anything that does not read back whole is a miss.
/// </remarks>
internal sealed class TemplateScanCache(string root)
{
    /// <summary>Bumped whenever the file's shape changes.</summary>
    internal const int FormatVersion = 1;

    private readonly DigestRecordCache<ChartTemplateScan> _records = new(Path.Combine(root, "scans"), FormatVersion, Read, Write);

    /// <summary>The file that holds the scan of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string PathFor(string digest) => _records.PathFor(digest);

    /// <summary>The cached scan for <paramref name="digest"/>, or <paramref name="scan"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="scan">Computes the scan on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The scan.</returns>
    public Task<ChartTemplateScan> GetOrScanAsync(string digest, Func<CancellationToken, Task<ChartTemplateScan>> scan, CancellationToken cancellationToken) =>
        _records.GetOrComputeAsync(digest, scan, cancellationToken);

    private static ChartTemplateScan Read(JsonElement record)
    {
        var generators = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var template in record.GetProperty("generators").EnumerateObject())
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

    private static void Write(Utf8JsonWriter writer, ChartTemplateScan scan)
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
    }
}
