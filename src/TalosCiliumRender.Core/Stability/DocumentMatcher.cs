using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Pairs the documents of a new render with those of an earlier one: by kind, namespace and name, or else by
/// the template that made them when that template made exactly one document of that kind in each (so a name
/// changed by a kustomization still matches).
/// </summary>
internal sealed class DocumentMatcher
{
    private readonly EarlierDocuments _earlier;
    private readonly HashSet<string> _uniqueFreshSources;

    public DocumentMatcher(IEnumerable<ManifestDocument> fresh, IEnumerable<ManifestDocument> earlier)
        : this(fresh, new EarlierDocuments(earlier))
    {
    }

    /// <summary>Pairs with earlier documents indexed before (the index needs the earlier render only).</summary>
    public DocumentMatcher(IEnumerable<ManifestDocument> fresh, EarlierDocuments earlier)
    {
        _earlier = earlier;
        _uniqueFreshSources = fresh.Select(SourceKey).OfType<string>()
            .GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The earlier document that corresponds to <paramref name="fresh"/>, if any.</summary>
    public ManifestDocument? Match(ManifestDocument fresh)
    {
        if (_earlier.ByIdentity.TryGetValue(Key(fresh), out var found))
        {
            return found;
        }

        return SourceKey(fresh) is { } source && _uniqueFreshSources.Contains(source) && _earlier.BySource.TryGetValue(source, out found) ? found : null;
    }

    /// <summary><c>Kind/namespace/name</c>; the API group is left out so an apiVersion bump still matches.</summary>
    private static string Key(ManifestDocument document)
    {
        var id = ObjectIdentity.From(document);
        return $"{id.Kind ?? "?"}/{id.Namespace}/{id.Name ?? "?"}";
    }

    private static string? SourceKey(ManifestDocument document) =>
        document.SourceTemplate is { } source ? source + "|" + (document.Mapping?.GetString("kind") ?? "?") : null;

    /// <summary>The earlier render's documents by identity and by (unambiguous) source template.</summary>
    internal sealed class EarlierDocuments
    {
        public EarlierDocuments(IEnumerable<ManifestDocument> earlier)
        {
            var earlierSources = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var document in earlier)
            {
                ByIdentity.TryAdd(Key(document), document);
                if (SourceKey(document) is { } source)
                {
                    earlierSources[source] = earlierSources.GetValueOrDefault(source) + 1;
                    BySource[source] = document;
                }
            }

            foreach (var ambiguous in earlierSources.Where(s => s.Value > 1).Select(s => s.Key))
            {
                BySource.Remove(ambiguous);
            }
        }

        public Dictionary<string, ManifestDocument> ByIdentity { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ManifestDocument> BySource { get; } = new(StringComparer.Ordinal);
    }
}
