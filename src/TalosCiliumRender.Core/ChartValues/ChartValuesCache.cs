using System.Text.Json;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// The values model of each chart (<see cref="ChartValuesModel"/>), kept next to the chart cache and keyed by the
/// chart's content digest: it depends only on the chart's bytes and this tool's analyzer, so a warm render reads one
/// small file before helm starts instead of analysing every template.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;root&gt;/values/&lt;hex of the digest&gt;.json</c> (<see cref="CacheRecord.Json"/>: format, build,
/// digest), with the key tree and the schema text. Anything that does not read back whole is a miss and recomputed;
/// a folder that cannot be written is never an error.
/// </remarks>
internal sealed class ChartValuesCache(string root)
{
    /// <summary>Bumped whenever the record's shape changes.</summary>
    internal const int FormatVersion = 1;

    /// <summary>The file that holds the model of the chart with <paramref name="digest"/>.</summary>
    /// <param name="digest"><c>sha256:&lt;hex&gt;</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    internal string PathFor(string digest) =>
        Path.Combine(root, "values", digest.Replace("sha256:", string.Empty, StringComparison.Ordinal) + ".json");

    /// <summary>The cached model for <paramref name="digest"/>, or <paramref name="analyze"/>'s result, which is then stored.</summary>
    /// <param name="digest">The chart's content digest.</param>
    /// <param name="analyze">Computes the model on a miss.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The model.</returns>
    public async Task<ChartValuesModel> GetOrAnalyzeAsync(string digest, Func<CancellationToken, Task<ChartValuesModel>> analyze, CancellationToken cancellationToken)
    {
        var path = PathFor(digest);
        if (await TryReadAsync(path, digest, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var model = await analyze(cancellationToken).ConfigureAwait(false);
        await CacheRecord.TryWriteAsync(path, Serialize(digest, model), cancellationToken).ConfigureAwait(false);
        return model;
    }

    private static async Task<ChartValuesModel?> TryReadAsync(string path, string digest, CancellationToken cancellationToken)
    {
        using var document = await CacheRecord.TryReadJsonAsync(path, FormatVersion, digest, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        try
        {
            var top = document.RootElement;
            var schema = top.GetProperty("schema");
            return new ChartValuesModel(
                ChartValueKeys.Read(top.GetProperty("keys")),
                schema.ValueKind == JsonValueKind.Null ? null : schema.GetString());
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            return null;
        }
    }

    private static byte[] Serialize(string digest, ChartValuesModel model) => CacheRecord.Json(FormatVersion, digest, writer =>
    {
        writer.WritePropertyName("keys");
        model.Keys.Write(writer);
        writer.WriteString("schema", model.SchemaJson);
    });
}
