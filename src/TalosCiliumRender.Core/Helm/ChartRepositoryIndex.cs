using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Reads what a chart repository offers from its index.yaml, only to tell a user which versions exist when the one
/// asked for does not. Streams the events: real indexes (helm.cilium.io) are many megabytes of annotations.
/// </summary>
internal static class ChartRepositoryIndex
{
    /// <summary>The versions of <paramref name="chartName"/> and the names of all charts in an index file.</summary>
    /// <returns>Both lists; empty when the file cannot be read as an index.</returns>
    public static (IReadOnlyList<string> Versions, IReadOnlyList<string> ChartNames) Read(string indexPath, string chartName)
    {
        var versions = new List<string>();
        var names = new List<string>();
        try
        {
            using var reader = new StreamReader(indexPath);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            parser.Consume<DocumentStart>();
            parser.Consume<MappingStart>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Consume<Scalar>().Value != "entries")
                {
                    parser.SkipThisAndNestedEvents();
                    continue;
                }

                parser.Consume<MappingStart>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var name = parser.Consume<Scalar>().Value;
                    names.Add(name);
                    if (name != chartName)
                    {
                        parser.SkipThisAndNestedEvents();
                        continue;
                    }

                    parser.Consume<SequenceStart>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        parser.Consume<MappingStart>();
                        while (!parser.TryConsume<MappingEnd>(out _))
                        {
                            var key = parser.Consume<Scalar>().Value;
                            if (key == "version" && parser.TryConsume<Scalar>(out var version))
                            {
                                versions.Add(version.Value);
                            }
                            else
                            {
                                parser.SkipThisAndNestedEvents();
                            }
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is YamlException or IOException or UnauthorizedAccessException)
        {
            // Only a hint for an error message: an unreadable index just means no hint.
            return ([], []);
        }

        return (versions, names);
    }

    /// <summary>Newest first, at most <paramref name="limit"/>, as a readable list.</summary>
    public static string Describe(IReadOnlyList<string> versions, int limit)
    {
        var sorted = versions.Distinct(StringComparer.Ordinal).OrderByDescending(SortKey).ThenByDescending(v => v, StringComparer.Ordinal).ToArray();
        var shown = string.Join(", ", sorted.Take(limit));
        return sorted.Length > limit
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}, … ({sorted.Length - limit} more)")
            : shown;
    }

    private static System.Version SortKey(string version)
    {
        // Semver core only; pre-release suffixes sort next to their release, which is enough for a hint.
        var core = version.TrimStart('v').Split('-', '+')[0];
        return System.Version.TryParse(core, out var parsed) ? parsed : new System.Version(0, 0);
    }
}
