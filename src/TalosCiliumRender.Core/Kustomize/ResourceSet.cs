using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>The ordered set of objects of one build; ids are unique, as in kustomize's resource map.</summary>
internal sealed class ResourceSet
{
    private readonly List<KubeResource> _resources = [];

    // Ids are only added while resources accumulate, before any transformer runs, so the keys stay valid for Add.
    private readonly Dictionary<(string Group, string Version, string Kind, string Namespace, string Name), KubeResource> _byId = [];

    public IReadOnlyList<KubeResource> Resources => _resources;

    public int Count => _resources.Count;

    /// <summary>Adds an object, refusing a second object with the same id (an empty namespace is <c>default</c>).</summary>
    public void Add(KubeResource resource)
    {
        var id = resource.CurrentId;
        var key = id.Key;
        if (_byId.TryGetValue(key, out var existing))
        {
            throw DiagnosticCatalog.DuplicateResourceId.Exception(Yaml.YamlReader.Locate(resource.Origin, resource.Root.Start), id, resource.Origin, existing.Origin);
        }

        _byId.Add(key, resource);
        _resources.Add(resource);
    }

    public void AddRange(IEnumerable<KubeResource> resources)
    {
        foreach (var resource in resources)
        {
            Add(resource);
        }
    }

    /// <summary>Objects whose original or current id is <paramref name="id"/>.</summary>
    public IReadOnlyList<KubeResource> MatchingAnyId(ResourceId id) => _resources.Where(r => r.MatchesAnyId(id)).ToList();

    public void Remove(KubeResource resource) => _resources.Remove(resource);

    public void Reorder(IEnumerable<KubeResource> ordered)
    {
        var list = ordered.ToList();
        _resources.Clear();
        _resources.AddRange(list);
    }
}
