namespace TalosCiliumRender.Core;

/// <summary>One resource that differs between an existing manifest file and a fresh render.</summary>
/// <param name="Change">Added by the render, removed by it, or changed.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Paths">
/// For <see cref="ResourceChange.Changed"/>, the field paths that differ, such as
/// <c>spec.template.spec.containers[0].image</c>; empty otherwise. Paths never carry values, so a Secret's data is
/// never shown.
/// </param>
public sealed record ResourceDifference(ResourceChange Change, ResourceIdentity Resource, IReadOnlyList<string> Paths)
{
    /// <summary><c>changed apps/v1 DaemonSet kube-system/cilium: spec.replicas, …</c>.</summary>
    public override string ToString()
    {
        var change = Change.ToString().ToLowerInvariant();
        return Paths.Count == 0 ? $"{change} {Resource}" : $"{change} {Resource}: {string.Join(", ", Paths)}";
    }
}
