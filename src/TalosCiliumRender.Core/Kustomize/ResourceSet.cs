using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>The ordered set of objects of one build; ids are unique, as in kustomize's resource map.</summary>
internal sealed class ResourceSet
{
    private readonly List<KubeResource> _resources = [];

    public IReadOnlyList<KubeResource> Resources => _resources;

    public int Count => _resources.Count;

    /// <summary>Adds an object, refusing a second object with the same id.</summary>
    public void Add(KubeResource resource)
    {
        var id = resource.CurrentId;
        foreach (var existing in _resources)
        {
            if (existing.CurrentId.Matches(id))
            {
                throw DiagnosticCatalog.DuplicateResourceId.Exception(SourceLocation.InFile(resource.Origin), id, resource.Origin, existing.Origin);
            }
        }

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
