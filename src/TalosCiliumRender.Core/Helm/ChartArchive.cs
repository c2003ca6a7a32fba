using System.Buffers.Binary;
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
    /// <summary>
    /// helm's own limits for the files of a chart archive, all together and each (<c>MaxDecompressedChartSize</c>
    /// and <c>MaxDecompressedFileSize</c> in helm's pkg/chart/loader/archive.go, 3.17 and later): a bigger chart is
    /// one helm will not load anyway.
    /// </summary>
    internal const long MaxChartBytes = 100L * 1024 * 1024;

    /// <inheritdoc cref="MaxChartBytes"/>
    internal const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>The whole tar stream, and the archive file: the files plus room for tar headers and padding.</summary>
    internal const long MaxArchiveBytes = 128L * 1024 * 1024;

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

        return ParseChartYaml(text, chartPath);
    }

    private static ChartMetadata ParseChartYaml(string text, string chartPath)
    {
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

    /// <summary>
    /// Checks a chart archive completely before it is trusted: the whole gzip stream decompresses and ends with the
    /// checksum and length of what it held, the tar archive is well formed to its end (only zeros after it), the
    /// sizes stay within helm's limits, and <c>&lt;name&gt;/Chart.yaml</c> exists, parses and names the folder it is in.
    /// </summary>
    /// <param name="archivePath">The file to read (a regular file: it is read twice when it has several gzip members).</param>
    /// <param name="displayPath">The file named in diagnostics: the one the user gave.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>Name, version and appVersion from its Chart.yaml.</returns>
    /// <exception cref="DiagnosticException">TCR1009 not a chart archive; TCR1020 cut off or damaged; TCR1021 too large.</exception>
    public static ChartMetadata Verify(string archivePath, string displayPath, CancellationToken cancellationToken)
    {
        using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> start = stackalloc byte[3];
        CheckSignature(start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)], displayPath);

        // A gzip member is at least a 10-byte header and an 8-byte trailer: CRC-32 and length (mod 2^32) of its data.
        if (file.Length < 18)
        {
            throw DiagnosticCatalog.ChartArchiveDamaged.Exception(displayPath, "its gzip stream is cut off after the header");
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        var (crc, size) = (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
        file.Position = 0;

        string? chartYaml = null;
        string? chartFolder = null;
        string? tarProblem = null;
        long produced;
        uint producedCrc;
        using (var gzip = new GzipScanStream(file, MaxArchiveBytes, displayPath))
        {
            try
            {
                (chartYaml, chartFolder) = ReadEntries(gzip, displayPath, cancellationToken);
                if (!gzip.RestIsZero(cancellationToken))
                {
                    tarProblem = "data follows the end of its tar archive";
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
            {
                tarProblem = $"its tar archive is malformed ({e.Message.TrimEnd('.')})";
                _ = gzip.RestIsZero(cancellationToken); // to the end, to tell a cut-off gzip stream from a bad tar
            }

            (produced, producedCrc) = (gzip.Produced, gzip.Crc);
        }

        if (!EndsWithItsTrailer(file, produced, producedCrc, crc, size, cancellationToken))
        {
            throw DiagnosticCatalog.ChartArchiveDamaged.Exception(displayPath, "its gzip stream is cut off or damaged: the data does not end with the checksum and length gzip writes after it (a truncated download or copy)");
        }

        if (tarProblem is not null)
        {
            throw DiagnosticCatalog.ChartArchiveDamaged.Exception(displayPath, tarProblem);
        }

        if (chartYaml is null)
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(displayPath, $"the archive has no <chart>/{ChartFileName}");
        }

        var metadata = ParseChartYaml(chartYaml, displayPath);
        if (chartFolder != metadata.Name)
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(
                displayPath, $"its {ChartFileName} is in the folder '{chartFolder}' but names the chart '{metadata.Name}' ('helm package' puts it at '{metadata.Name}/{ChartFileName}')");
        }

        return metadata;
    }

    /// <summary>TCR1009 unless <paramref name="start"/>, the first bytes of a file, are gzip's signature (deflate method).</summary>
    internal static void CheckSignature(ReadOnlySpan<byte> start, string displayPath)
    {
        if (start.IsEmpty)
        {
            throw DiagnosticCatalog.ChartArchiveDamaged.Exception(displayPath, "the file is empty");
        }

        if (!start.SequenceEqual(stackalloc byte[] { 0x1F, 0x8B, 0x08 }))
        {
            throw DiagnosticCatalog.ChartInvalid.Exception(displayPath, "it is not gzip-compressed (a chart archive is the .tgz 'helm package' or 'helm pull' writes)");
        }
    }

    /// <summary>Reads every tar entry within helm's size limits; returns the text and folder of <c>&lt;folder&gt;/Chart.yaml</c>.</summary>
    private static (string? ChartYaml, string? Folder) ReadEntries(Stream tarStream, string displayPath, CancellationToken cancellationToken)
    {
        using var tar = new TarReader(tarStream, leaveOpen: true);
        string? chartYaml = null;
        string? folder = null;
        long total = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue;
            }

            if (entry.Length > MaxFileBytes)
            {
                throw DiagnosticCatalog.ChartArchiveTooLarge.Exception(displayPath, $"its file '{entry.Name}' holds {entry.Length} bytes, more than helm's 5 MiB for one file");
            }

            total += entry.Length;
            if (total > MaxChartBytes)
            {
                throw DiagnosticCatalog.ChartArchiveTooLarge.Exception(displayPath, "its files add up to more than helm's 100 MiB");
            }

            // helm takes the first path segment as the chart's folder (pkg/chart/loader/archive.go).
            if (chartYaml is null && entry.Name.Replace('\\', '/').Split('/') is [var top, ChartFileName] && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data, leaveOpen: true);
                (chartYaml, folder) = (reader.ReadToEnd(), top);
            }
        }

        return (chartYaml, folder);
    }

    /// <summary>
    /// True when the decompressed data ends with the file's gzip trailer: for one member, its CRC-32 and length are
    /// those of everything read; for several (which gzip allows), those of the last member's share, found by its length.
    /// </summary>
    private static bool EndsWithItsTrailer(FileStream file, long produced, uint producedCrc, uint crc, uint size, CancellationToken cancellationToken)
    {
        if ((uint)produced == size && producedCrc == crc)
        {
            return true;
        }

        if (size >= produced)
        {
            return false;
        }

        file.Position = 0;
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        var skip = produced - size;
        var state = 0xFFFFFFFFu;
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = (int)Math.Min(read, skip);
            skip -= from;
            state = GzipScanStream.Update(state, buffer.AsSpan(from, read - from));
        }

        return ~state == crc;
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
