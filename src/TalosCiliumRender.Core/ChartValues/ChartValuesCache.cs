using System.Text.Json;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// The values model of each chart (<see cref="ChartValuesModel"/>), kept in <c>&lt;chart cache&gt;/values/&lt;digest&gt;.json</c>
/// with its schema apart in <c>&lt;chart cache&gt;/schemas/&lt;digest&gt;.json</c> (<see cref="DigestRecordCache{T}"/>): it
/// depends only on the chart's bytes and this tool's analyzer, so a warm render reads one small file before helm
/// starts instead of analysing every template, and reads the schema (for Cilium twice the size of the keys) only
/// when the user set values whose types it checks.
/// </summary>
internal sealed class ChartValuesCache(string root)
{
    /// <summary>Bumped whenever the records' shape changes.</summary>
    internal const int FormatVersion = 3;

    private readonly DigestRecordCache<KeysRecord> _keys = new(Path.Combine(root, "values"), FormatVersion, ReadKeys, WriteKeys);

    private readonly DigestRecordCache<SchemaRecord> _schemas = new(Path.Combine(root, "schemas"), FormatVersion, ReadSchema, WriteSchema);

    /// <summary>The file that holds the keys of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string PathFor(string digest) => _keys.PathFor(digest);

    /// <summary>The file that holds the schema of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string SchemaPathFor(string digest) => _schemas.PathFor(digest);

    /// <summary>The cached model for <paramref name="digest"/>, if there is one.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="analyze">Analyses the chart again when its schema record is gone by the time the schema is needed.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The model, or <see langword="null"/> on a miss.</returns>
    public async Task<ChartValuesModel?> TryGetAsync(string digest, Func<CancellationToken, Task<ChartValuesModel>> analyze, CancellationToken cancellationToken) =>
        await _keys.TryGetAsync(digest, cancellationToken).ConfigureAwait(false) is { } record ? Cached(digest, record, analyze) : null;

    /// <summary>The cached model for <paramref name="digest"/>, or <paramref name="analyze"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="analyze">Computes the model on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The model.</returns>
    public async Task<ChartValuesModel> GetOrAnalyzeAsync(string digest, Func<CancellationToken, Task<ChartValuesModel>> analyze, CancellationToken cancellationToken)
    {
        if (await TryGetAsync(digest, analyze, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var model = await analyze(cancellationToken).ConfigureAwait(false);
        var schema = await model.SchemaJsonAsync(cancellationToken).ConfigureAwait(false);

        // The schema first: a keys record that says "has a schema" then finds it, unless it is removed later.
        if (schema is not null)
        {
            await _schemas.TryWriteAsync(digest, new SchemaRecord(schema), cancellationToken).ConfigureAwait(false);
        }

        await _keys.TryWriteAsync(digest, new KeysRecord(model.Keys, schema is not null), cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>A model from its keys record, whose schema is read from its own record, or analysed again when that is gone.</summary>
    private ChartValuesModel Cached(string digest, KeysRecord record, Func<CancellationToken, Task<ChartValuesModel>> analyze) =>
        new(record.Keys, record.HasSchema, async token =>
            (await _schemas.TryGetAsync(digest, token).ConfigureAwait(false))?.Json
            ?? await (await analyze(token).ConfigureAwait(false)).SchemaJsonAsync(token).ConfigureAwait(false));

    private static KeysRecord ReadKeys(JsonElement record) =>
        new(ChartValueKeys.Read(record.GetProperty("keys")), record.GetProperty("hasSchema").GetBoolean());

    private static void WriteKeys(Utf8JsonWriter writer, KeysRecord record)
    {
        writer.WritePropertyName("keys");
        record.Keys.Write(writer);
        writer.WriteBoolean("hasSchema", record.HasSchema);
    }

    private static SchemaRecord ReadSchema(JsonElement record) =>
        new(record.GetProperty("schema").GetString() ?? throw new InvalidDataException("the schema record holds no schema"));

    private static void WriteSchema(Utf8JsonWriter writer, SchemaRecord record) => writer.WriteString("schema", record.Json);

    private sealed record KeysRecord(ChartValueKeys Keys, bool HasSchema);

    private sealed record SchemaRecord(string Json);
}
