namespace TalosCiliumRender.Core.Patching;

/// <summary>The <c>x-kubernetes-patch-strategy</c> of a field; a field may carry several (<c>merge,retainKeys</c>).</summary>
[Flags]
internal enum PatchStrategy
{
    /// <summary>No strategy: maps merge, lists are replaced wholesale.</summary>
    None = 0,

    /// <summary>Lists merge: by merge key for lists of objects, by value for lists of scalars.</summary>
    Merge = 1,

    /// <summary>The value is replaced. Kustomize ignores this on maps, and so do we; lists without <see cref="Merge"/> are replaced anyway.</summary>
    Replace = 2,

    /// <summary>The field honours the <c>$retainKeys</c> directive (union types such as a Deployment's strategy).</summary>
    RetainKeys = 4,
}
