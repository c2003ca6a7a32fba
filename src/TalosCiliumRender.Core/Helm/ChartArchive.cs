using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Helm;

/// <summary>Reads charts on disk without helm: the Chart.yaml of a .tgz or folder, and archive digests.</summary>
internal static class ChartArchive
{
    private const string ChartFileName = "Chart.yaml";

    /// <summary>Reads name, version and appVersion from a chart .tgz or chart folder.</summary>
    /// <param name="chartPath">Full path of a .tgz or folder.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="DiagnosticException">TCR1005 the path does not exist; TCR1009 it is not a chart; TCR3004 it cannot be read.</exception>
    public static ChartMetadata ReadMetadata(string chartPath)
    {
        string text;
        try
        {
            if (Directory.Exists(chartPath))
            {
                var file = Path.Combine(chartPath, ChartFileName);
                text = File.Exists(file)
                    ? File.ReadAllText(file)
                    : throw DiagnosticCatalog.ChartInvalid.Exception(chartPath, $"the folder has no {ChartFileName}");
            }
            else if (File.Exists(chartPath))
            {
                text = ReadFromArchive(chartPath);
            }
            else
            {
                throw DiagnosticCatalog.ChartNotFound.Exception(chartPath, "the path does not exist");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(chartPath, e.Message);
        }

        YamlMappingNode chart;
        try
        {
            chart = YamlReader.ReadSingleMapping(text, chartPath + "/" + ChartFileName, ChartFileName);
        }
        catch (DiagnosticException e)
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(chartPath, $"its {ChartFileName} cannot be read ({e.Diagnostic.Message})");
        }

        var name = chart.GetString("name");
        var version = chart.GetString("version");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(version))
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(chartPath, $"its {ChartFileName} has no {(string.IsNullOrWhiteSpace(name) ? "name" : "version")}");
        }

        return new ChartMetadata(name, version, chart.GetString("appVersion"));
    }

    /// <summary>The content digest of a file, in OCI form.</summary>
    /// <returns><c>sha256:&lt;lowercase hex&gt;</c>.</returns>
    public static async Task<string> ComputeDigestAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return "sha256:" + Convert.ToHexString(hash).ToLowerInvariant();
        }
    }

    private static string ReadFromArchive(string archivePath)
    {
        try
        {
            using var file = File.OpenRead(archivePath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                // "<chart>/Chart.yaml" only: deeper ones belong to subcharts under <chart>/charts/.
                var parts = entry.Name.Replace('\\', '/').TrimStart('.', '/').Split('/');
                if (parts is [_, ChartFileName] && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    if (entry.DataStream is null)
                    {
                        return "";
                    }

                    using var reader = new StreamReader(entry.DataStream);
                    return reader.ReadToEnd();
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(archivePath, $"it is not a gzip-compressed tar archive ({e.Message.TrimEnd('.')})");
        }

        throw DiagnosticCatalog.ChartInvalid.Exception(archivePath, $"the archive has no <chart>/{ChartFileName}");
    }
}
