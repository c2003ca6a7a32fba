using System.Runtime.ExceptionServices;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A kustomization with everything it reads already read: its files, bases and components, their resources, the
/// patches, the image patterns. None of it depends on the objects it is applied to, so a render loads it while helm
/// runs. A fault met while loading is kept and raised when the build reaches the step that met it, so a build
/// reports the same first error, at the same point among the base's own errors, as one that loads as it goes.
/// </summary>
/// <remarks>
/// Single use: the build adds the loaded objects and patch documents to its output and changes them in place.
/// </remarks>
internal sealed class PreparedKustomization
{
    private int _used;

    internal PreparedKustomization(KustomizeMode mode, LoadedKustomization? root, ExceptionDispatchInfo? fault)
    {
        Mode = mode;
        Root = root;
        Fault = fault;
    }

    /// <summary>The mode the patches were read for (JSON 6902 operations are read strictly unless as kustomize).</summary>
    public KustomizeMode Mode { get; }

    /// <summary>The top kustomization, unless reading it failed (<see cref="Fault"/>).</summary>
    internal LoadedKustomization? Root { get; }

    /// <summary>Why the top kustomization could not be read.</summary>
    internal ExceptionDispatchInfo? Fault { get; }

    /// <summary>Marks the preparation as consumed; a second build would see objects the first one changed.</summary>
    internal void Claim()
    {
        if (Interlocked.Exchange(ref _used, 1) != 0)
        {
            throw new InvalidOperationException("A prepared kustomization is applied once.");
        }
    }
}

/// <summary>
/// One kustomization (or component) as loaded: its resource and component steps in build order, then its patches and
/// image rules. Loading stops at the first fault: <see cref="Fault"/> is then set, or the last step's nested
/// kustomization holds it, and nothing after it is loaded.
/// </summary>
internal sealed class LoadedKustomization(Kustomization kustomization)
{
    public Kustomization Kustomization { get; } = kustomization;

    /// <summary>The resources and components, in the order the build adds them.</summary>
    public List<LoadStep> Steps { get; } = [];

    public IReadOnlyList<LoadedPatch> StrategicMergePatches { get; set; } = [];

    public IReadOnlyList<LoadedPatch> Patches { get; set; } = [];

    public IReadOnlyList<LoadedPatch> Json6902Patches { get; set; } = [];

    public ImageRules? Images { get; set; }

    /// <summary>The fault that stopped loading this kustomization after <see cref="Steps"/>.</summary>
    public ExceptionDispatchInfo? Fault { get; set; }

    /// <summary>True when loading stopped here or in a nested kustomization.</summary>
    public bool Stopped => Fault is not null || (Steps.Count > 0 && Steps[^1].Nested is { Stopped: true });
}

/// <summary>
/// One entry of <c>resources</c> or <c>components</c>: the objects of a file, or a base folder's kustomization (built
/// on its own, then merged), or a component (built into the same set).
/// </summary>
internal sealed record LoadStep(IReadOnlyList<KubeResource>? Objects, LoadedKustomization? Nested, bool IsComponent);
