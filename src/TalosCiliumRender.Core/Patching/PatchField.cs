namespace TalosCiliumRender.Core.Patching;

/// <summary>What the schema says about one field of an object type, for strategic merge.</summary>
/// <param name="Name">The field name.</param>
/// <param name="ValueType">
/// The object type of the value, of each list item or of each map value; <see langword="null"/> for scalars,
/// lists of scalars and types the schema does not describe.
/// </param>
/// <param name="Strategy">The field's patch strategy.</param>
/// <param name="MergeKey">The <c>x-kubernetes-patch-merge-key</c>, for lists of objects merged by key.</param>
/// <param name="ListMapKeys">The <c>x-kubernetes-list-map-keys</c>; empty when the schema gives none.</param>
internal sealed record PatchField(string Name, string? ValueType, PatchStrategy Strategy, string? MergeKey, IReadOnlyList<string> ListMapKeys)
{
    /// <summary>True when a list in this field is merged rather than replaced.</summary>
    public bool IsMergedList => Strategy.HasFlag(PatchStrategy.Merge);

    /// <summary>
    /// The keys that identify an element of a merged list of objects. Like kustomize (kyaml), the list map keys
    /// win over the single merge key when the schema has both, so <c>containerPort: 53</c> over TCP and over UDP
    /// stay two ports. Empty for lists of scalars.
    /// </summary>
    public IReadOnlyList<string> ElementKeys =>
        ListMapKeys.Count > 0 ? ListMapKeys : MergeKey is null ? [] : [MergeKey];

    /// <summary>The key every element must carry: the merge key, or the first list map key.</summary>
    public string? PrimaryKey => MergeKey ?? (ListMapKeys.Count > 0 ? ListMapKeys[0] : null);
}
