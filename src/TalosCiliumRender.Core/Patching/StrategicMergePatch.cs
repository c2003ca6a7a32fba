using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Patching;

/// <summary>
/// Kubernetes strategic merge patch on YAML trees, with the results kustomize 5.5 gives: maps merge, scalars
/// are replaced, <c>null</c> deletes, lists with a merge strategy merge (by key, or by value for lists of
/// scalars) with the patch's elements first, and every other list is replaced.
/// </summary>
/// <remarks>
/// Beyond kustomize 5.5, which copies them into its output verbatim, <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c> are applied as the
/// Kubernetes API server applies them. No directive key ever reaches the output: one that cannot be applied is
/// an error.
/// </remarks>
internal static class StrategicMergePatch
{
    /// <summary>The <c>$patch</c> directive: merge, replace or delete the mapping (or list) it is in.</summary>
    public const string PatchDirective = "$patch";

    /// <summary>The <c>$retainKeys</c> directive: fields of the target mapping not listed are cleared.</summary>
    public const string RetainKeysDirective = "$retainKeys";

    /// <summary>Prefix of <c>$setElementOrder/&lt;list&gt;</c>: the order of the merged list.</summary>
    public const string SetElementOrderPrefix = "$setElementOrder/";

    /// <summary>Prefix of <c>$deleteFromPrimitiveList/&lt;list&gt;</c>: values to remove from a list of scalars.</summary>
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>
    /// Applies <paramref name="patch"/> onto <paramref name="target"/>. The target's kind (or else the patch's)
    /// selects the schema; kinds the registry does not know merge maps and replace lists.
    /// </summary>
    /// <param name="target">The resource; it may be changed in place, also when the patch then fails.</param>
    /// <param name="patch">The patch; it is not changed, and values taken from it are copied with their scalar styles.</param>
    /// <param name="registry">Merge keys and patch strategies, usually <see cref="MergeKeyRegistry.Kubernetes"/>.</param>
    /// <param name="patchOrigin">The patch file, named in diagnostics with line and column.</param>
    /// <param name="asKustomize">
    /// Copy lists without merge key verbatim and ignore list elements whose keys only partly match, as kustomize does,
    /// instead of refusing both (TCR2008, TCR2009).
    /// </param>
    /// <returns>The merged resource (the target, or a new mapping for a top-level <c>$patch: replace</c>), or <see langword="null"/> when the patch deletes it (<c>$patch: delete</c> at the top).</returns>
    /// <exception cref="Diagnostics.DiagnosticException">TCR2001-TCR2009 when the patch cannot be applied.</exception>
    public static YamlMappingNode? Apply(YamlMappingNode target, YamlMappingNode patch, MergeKeyRegistry registry, string? patchOrigin = null, bool asKustomize = false)
    {
        var type = registry.ForKind(GroupVersionKind.From(target)) ?? registry.ForKind(GroupVersionKind.From(patch));
        var merger = new StrategicMerger(registry, patchOrigin, DescribeResource(target), asKustomize);
        return merger.MergeRoot(target, patch, type);
    }

    /// <summary>True for the keys strategic merge reads as instructions rather than fields.</summary>
    public static bool IsDirective(string key) =>
        key == PatchDirective
        || key == RetainKeysDirective
        || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    /// <summary><c>Kind namespace/name</c>, for messages.</summary>
    public static string DescribeResource(YamlMappingNode resource)
    {
        var id = ObjectIdentity.From(resource);
        var kind = id.Kind ?? "resource";
        var name = id.Name ?? "(unnamed)";
        return id.Namespace is null ? $"{kind} {name}" : $"{kind} {id.Namespace}/{name}";
    }
}
