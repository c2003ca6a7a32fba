using System.Formats.Tar;
using System.IO.Compression;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>Reads files straight out of a chart archive, so tests can check facts about a chart without helm.</summary>
internal static class ChartFiles
{
    public static string Read(string archive, string pathInsideChart)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            // Entries are "<chart name>/<path>".
            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && entry.Name[(slash + 1)..] == pathInsideChart && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return reader.ReadToEnd();
            }
        }

        throw new FileNotFoundException($"{pathInsideChart} is not in {archive}");
    }
}
