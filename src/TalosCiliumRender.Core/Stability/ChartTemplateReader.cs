using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace TalosCiliumRender.Core.Stability;

/// <summary>The files of a chart that the static analyses read.</summary>
/// <param name="Templates">Template path (as in helm's <c># Source:</c> comments) → text, the chart's and its subcharts'.</param>
/// <param name="ValuesYaml">The chart's own <c>values.yaml</c>, when it has one.</param>
/// <param name="ValuesSchema">The chart's own <c>values.schema.json</c>, when it has one.</param>
/// <param name="TemplatedFiles">
/// The chart's other files (outside <c>templates/</c> and <c>charts/</c>) that hold template actions, by path in the
/// chart: templates read with <c>tpl (.Files.Get …) .</c> read values too (Cilium's Envoy bootstrap and node-init
/// scripts).
/// </param>
internal sealed record ChartSourceFiles(
    IReadOnlyDictionary<string, string> Templates, string? ValuesYaml, string? ValuesSchema, IReadOnlyDictionary<string, string> TemplatedFiles);

/// <summary>
/// Reads the template files of a chart and its subcharts (unpacked or as nested .tgz), keyed by the path helm
/// writes in its <c># Source:</c> comments: <c>&lt;chart&gt;/templates/…</c>, <c>&lt;chart&gt;/charts/&lt;sub&gt;/templates/…</c>.
/// </summary>
internal static class ChartTemplateReader
{
    private const string ValuesFile = "values.yaml";
    private const string SchemaFile = "values.schema.json";

    // A chart file bigger than this is no template anyone passes to tpl (helm's own limit per file is 5 MiB).
    private const long MaxTemplatedFile = 1024 * 1024;

    /// <summary>Reads the templates of a chart .tgz or chart folder.</summary>
    /// <param name="chartPath">The chart helm rendered.</param>
    /// <param name="chartName">The chart's name (from Chart.yaml), which helm uses as the root of a folder chart's paths.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string chartPath, string chartName, CancellationToken cancellationToken) =>
        (await ReadChartAsync(chartPath, chartName, cancellationToken).ConfigureAwait(false)).Templates;

    /// <summary>Reads the templates of a chart .tgz or chart folder, with the chart's own values.yaml and values.schema.json.</summary>
    /// <param name="chartPath">The chart helm rendered.</param>
    /// <param name="chartName">The chart's name (from Chart.yaml), which helm uses as the root of a folder chart's paths.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<ChartSourceFiles> ReadChartAsync(string chartPath, string chartName, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(chartPath))
        {
            await ReadFolderAsync(chartPath, chartName, files, cancellationToken).ConfigureAwait(false);
            foreach (var file in Directory.EnumerateFiles(chartPath, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(chartPath, file).Replace('\\', '/');
                if (RootFile(relative) && new FileInfo(file).Length <= MaxTemplatedFile)
                {
                    values[relative] = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        else
        {
            var stream = new FileStream(chartPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await ReadArchiveAsync(stream, prefix: "", files, cancellationToken, values).ConfigureAwait(false);
            }
        }

        var templated = values
            .Where(v => v.Key is not (ValuesFile or SchemaFile) && v.Value.Contains("{{", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return new ChartSourceFiles(files, values.GetValueOrDefault(ValuesFile), values.GetValueOrDefault(SchemaFile), templated);
    }

    private static async Task ReadFolderAsync(string folder, string name, Dictionary<string, string> files, CancellationToken cancellationToken)
    {
        var templates = Path.Combine(folder, "templates");
        if (Directory.Exists(templates))
        {
            foreach (var file in Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                files[name + "/" + relative] = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        var charts = Path.Combine(folder, "charts");
        if (!Directory.Exists(charts))
        {
            return;
        }

        foreach (var subchart in Directory.EnumerateDirectories(charts))
        {
            await ReadFolderAsync(subchart, name + "/charts/" + Path.GetFileName(subchart), files, cancellationToken).ConfigureAwait(false);
        }

        foreach (var archive in Directory.EnumerateFiles(charts, "*.tgz"))
        {
            var stream = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await ReadArchiveAsync(stream, name + "/charts/", files, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReadArchiveAsync(
        Stream archive, string prefix, Dictionary<string, string> files, CancellationToken cancellationToken, Dictionary<string, string>? rootValues = null)
    {
        var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var tar = new TarReader(gzip);
            await using (tar.ConfigureAwait(false))
            {
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    {
                        continue;
                    }

                    var path = entry.Name.Replace('\\', '/').TrimStart('.', '/');
                    var segments = path.Split('/');
                    var kind = Classify(segments);
                    // rootValues is given for the top chart only: a subchart's values are not the user's to set directly.
                    if (rootValues is not null && kind == EntryKind.Other && segments.Length > 1
                        && RootFile(string.Join('/', segments[1..])) && entry.Length <= MaxTemplatedFile)
                    {
                        using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
                        rootValues[string.Join('/', segments[1..])] = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else if (kind == EntryKind.Template)
                    {
                        using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
                        files[prefix + path] = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else if (kind == EntryKind.NestedChart)
                    {
                        using var nested = new MemoryStream();
                        await entry.DataStream.CopyToAsync(nested, cancellationToken).ConfigureAwait(false);
                        nested.Position = 0;
                        await ReadArchiveAsync(nested, prefix + string.Join('/', segments[..^1]) + "/", files, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>A file of the top chart itself that the analyses may read: not a template, not part of a subchart, not its metadata.</summary>
    private static bool RootFile(string relative) =>
        !relative.StartsWith("templates/", StringComparison.Ordinal) && !relative.StartsWith("charts/", StringComparison.Ordinal)
        && relative is not ("Chart.yaml" or "Chart.lock" or "requirements.yaml" or "requirements.lock" or ".helmignore");

    /// <summary><c>root/templates/…</c> and <c>root/charts/sub/templates/…</c> (at any depth) are templates; <c>…/charts/x.tgz</c> a nested chart.</summary>
    private static EntryKind Classify(string[] segments)
    {
        var i = 1;
        while (i + 1 < segments.Length && segments[i] == "charts")
        {
            if (i + 2 == segments.Length)
            {
                return segments[i + 1].EndsWith(".tgz", StringComparison.Ordinal) ? EntryKind.NestedChart : EntryKind.Other;
            }

            i += 2;
        }

        return i + 1 < segments.Length && segments[i] == "templates" ? EntryKind.Template : EntryKind.Other;
    }

    private enum EntryKind
    {
        Other,
        Template,
        NestedChart,
    }
}
