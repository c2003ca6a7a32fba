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
        // SemVer precedence (1.19.0 above 1.19.0-rc.1); what is no version at all goes last.
        var sorted = versions.Distinct(StringComparer.Ordinal)
            .Select(v => (Text: v, Version: ChartVersion.TryParse(v)))
            .OrderByDescending(v => v.Version is not null)
            .ThenByDescending(v => v.Version, Comparer<Semver.SemVersion?>.Create((a, b) => a is null || b is null ? 0 : ChartVersion.Precedence.Compare(a, b)))
            .ThenByDescending(v => v.Text, StringComparer.Ordinal)
            .Select(v => v.Text)
            .ToArray();
        var shown = string.Join(", ", sorted.Take(limit));
        return sorted.Length > limit
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}, … ({sorted.Length - limit} more)")
            : shown;
    }
}
