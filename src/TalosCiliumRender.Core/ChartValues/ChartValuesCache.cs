using System.Text.Json;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// The values model of each chart (<see cref="ChartValuesModel"/>), kept in <c>&lt;chart cache&gt;/values/&lt;digest&gt;.json</c>
/// (<see cref="DigestRecordCache{T}"/>): it depends only on the chart's bytes and this tool's analyzer, so a warm render
/// reads one small file before helm starts instead of analysing every template.
/// </summary>
internal sealed class ChartValuesCache(string root)
{
    /// <summary>Bumped whenever the record's shape changes.</summary>
    internal const int FormatVersion = 2;

    private readonly DigestRecordCache<ChartValuesModel> _records = new(Path.Combine(root, "values"), FormatVersion, Read, Write);

    /// <summary>The file that holds the model of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string PathFor(string digest) => _records.PathFor(digest);

    /// <summary>The cached model for <paramref name="digest"/>, or <paramref name="analyze"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="analyze">Computes the model on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The model.</returns>
    public Task<ChartValuesModel> GetOrAnalyzeAsync(string digest, Func<CancellationToken, Task<ChartValuesModel>> analyze, CancellationToken cancellationToken) =>
        _records.GetOrComputeAsync(digest, analyze, cancellationToken);

    private static ChartValuesModel Read(JsonElement record)
    {
        var schema = record.GetProperty("schema");
        return new ChartValuesModel(ChartValueKeys.Read(record.GetProperty("keys")), schema.ValueKind == JsonValueKind.Null ? null : schema.GetString());
    }

    private static void Write(Utf8JsonWriter writer, ChartValuesModel model)
    {
        writer.WritePropertyName("keys");
        model.Keys.Write(writer);
        writer.WriteString("schema", model.SchemaJson);
    }
}
