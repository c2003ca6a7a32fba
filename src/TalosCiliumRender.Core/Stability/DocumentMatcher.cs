using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Pairs the documents of a new render with those of an earlier one: by kind, namespace and name, or else by
/// the template that made them when that template made exactly one document of that kind in each (so a name
/// changed by a kustomization still matches).
/// </summary>
internal sealed class DocumentMatcher
{
    private readonly Dictionary<string, ManifestDocument> _byIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ManifestDocument> _bySource = new(StringComparer.Ordinal);
    private readonly HashSet<string> _uniqueFreshSources;

    public DocumentMatcher(IEnumerable<ManifestDocument> fresh, IEnumerable<ManifestDocument> earlier)
    {
        var earlierSources = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in earlier)
        {
            _byIdentity.TryAdd(Key(document), document);
            if (SourceKey(document) is { } source)
            {
                earlierSources[source] = earlierSources.GetValueOrDefault(source) + 1;
                _bySource[source] = document;
            }
        }

        foreach (var ambiguous in earlierSources.Where(s => s.Value > 1).Select(s => s.Key))
        {
            _bySource.Remove(ambiguous);
        }

        _uniqueFreshSources = fresh.Select(SourceKey).OfType<string>()
            .GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The earlier document that corresponds to <paramref name="fresh"/>, if any.</summary>
    public ManifestDocument? Match(ManifestDocument fresh)
    {
        if (_byIdentity.TryGetValue(Key(fresh), out var found))
        {
            return found;
        }

        return SourceKey(fresh) is { } source && _uniqueFreshSources.Contains(source) && _bySource.TryGetValue(source, out found) ? found : null;
    }

    /// <summary><c>Kind/namespace/name</c>; the API group is left out so an apiVersion bump still matches.</summary>
    private static string Key(ManifestDocument document)
    {
        var id = ObjectIdentity.From(document);
        return $"{id.Kind ?? "?"}/{id.Namespace}/{id.Name ?? "?"}";
    }

    private static string? SourceKey(ManifestDocument document) =>
        document.SourceTemplate is { } source ? source + "|" + (ObjectIdentity.From(document).Kind ?? "?") : null;
}
