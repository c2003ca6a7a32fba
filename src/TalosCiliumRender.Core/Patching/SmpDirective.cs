namespace TalosCiliumRender.Core.Patching;

/// <summary>The values of the <c>$patch</c> directive.</summary>
internal enum SmpDirective
{
    /// <summary>No directive, or <c>$patch: merge</c>: merge as usual.</summary>
    Merge,

    /// <summary><c>$patch: replace</c>: the patch's content replaces the target's.</summary>
    Replace,

    /// <summary><c>$patch: delete</c>: the mapping (or list element, or list) is removed.</summary>
    Delete,
}
