namespace TalosCiliumRender.Core;

/// <summary>How a resource of a fresh render differs from the same resource in an existing manifest file.</summary>
public enum ResourceChange
{
    /// <summary>The render has the resource; the file does not.</summary>
    Added,

    /// <summary>The file has the resource; the render does not.</summary>
    Removed,

    /// <summary>Both have it, with different content (see <see cref="ResourceDifference.Paths"/>).</summary>
    Changed,
}
