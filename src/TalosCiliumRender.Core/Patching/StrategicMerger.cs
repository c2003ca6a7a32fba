using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;
using static TalosCiliumRender.Core.Patching.StrategicMergePatch;

namespace TalosCiliumRender.Core.Patching;

/// <summary>
/// One strategic merge of a patch into a resource. Merging into a missing value (<c>dest</c> is
/// <see langword="null"/>) is how patch content is added: directives are applied to nothing and nulls are
/// dropped, as kustomize does, so no directive or deleting null lands in the output.
/// </summary>
/// <param name="registry">Merge keys and patch strategies.</param>
/// <param name="patchOrigin">The patch file, for diagnostics.</param>
/// <param name="resource">The patched object, for diagnostics.</param>
/// <param name="asKustomize">
/// Do what kustomize does where it silently does nothing useful: copy lists without merge key verbatim, directives
/// included, and ignore a list element whose keys only partly match. Otherwise both are errors (TCR2008, TCR2009).
/// </param>
internal sealed class StrategicMerger(MergeKeyRegistry registry, string? patchOrigin, string resource, bool asKustomize = false)
{
    private string PatchName => patchOrigin ?? "(inline patch)";

    public YamlMappingNode? MergeRoot(YamlMappingNode target, YamlMappingNode patch, SchemaType? type) =>
        MergeMap(target, patch, type, string.Empty);

    private YamlMappingNode? MergeMap(YamlMappingNode? dest, YamlMappingNode patch, SchemaType? type, string path)
    {
        switch (ReadPatchDirective(patch, path))
        {
            case SmpDirective.Delete:
                return null;
            case SmpDirective.Replace:
                dest = null;
                break;
        }

        dest ??= new YamlMappingNode();

        YamlNode? retainKeys = null;
        var orderDirectives = new List<(string List, YamlNode Order)>();
        foreach (var (keyNode, value) in patch.Children)
        {
            var key = KeyText(keyNode);
            if (key == RetainKeysDirective)
            {
                retainKeys = value;
            }
            else if (key is not null && key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                orderDirectives.Add((key[SetElementOrderPrefix.Length..], value));
            }
            else if (key is not null && key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                // Before the merge, so a value the same patch adds back is kept.
                DeleteFromPrimitiveList(dest, key[DeleteFromPrimitiveListPrefix.Length..], value, path);
            }
        }

        if (retainKeys is not null)
        {
            RetainKeys(dest, patch, retainKeys, path);
        }

        // The order directive ranks elements against the target's original order, so take it before merging.
        var originalOrders = orderDirectives
            .Select(d => (dest.Get(d.List) as YamlSequenceNode)?.Children.ToList() ?? [])
            .ToList();

        foreach (var (keyNode, patchValue) in patch.Children)
        {
            var key = KeyText(keyNode);
            if (key is not null && IsDirective(key))
            {
                continue;
            }

            MergeField(dest, keyNode, key, patchValue, type, path);
        }

        for (var i = 0; i < orderDirectives.Count; i++)
        {
            SetElementOrder(dest, patch, orderDirectives[i].List, orderDirectives[i].Order, originalOrders[i], type, path);
        }

        return dest;
    }

    private void MergeField(YamlMappingNode dest, YamlNode keyNode, string? key, YamlNode patchValue, SchemaType? type, string path)
    {
        var field = key is null ? null : type?.Field(key);
        var fieldPath = Join(path, key ?? keyNode.ToString());
        var destKey = key is null ? (dest.Children.ContainsKey(keyNode) ? keyNode : null) : FindKey(dest, key);
        var destValue = destKey is null ? null : dest.Children[destKey];
        if (destValue is YamlScalarNode destScalar && GoYamlDialect.IsNull(destScalar))
        {
            destValue = null; // an explicit null in the resource is as good as absent
        }

        if (patchValue is YamlScalarNode patchScalar && GoYamlDialect.IsNull(patchScalar))
        {
            if (destKey is not null)
            {
                dest.Children.Remove(destKey);
            }

            return;
        }

        YamlNode? merged = (destValue, patchValue) switch
        {
            (null or YamlMappingNode, YamlMappingNode map) =>
                MergeMap((YamlMappingNode?)destValue, map, registry.Type(field?.ValueType), fieldPath),
            (null or YamlSequenceNode, YamlSequenceNode list) =>
                MergeList((YamlSequenceNode?)destValue, list, field, fieldPath),
            (null or YamlScalarNode, YamlScalarNode scalar) => YamlNodes.DeepClone(scalar),
            _ => throw DiagnosticCatalog.SmpKindMismatch.Exception(
                Locate(patchValue), PatchName, Describe(patchValue), fieldPath, resource, Describe(destValue!)),
        };

        if (merged is null)
        {
            if (destKey is not null)
            {
                dest.Children.Remove(destKey);
            }
        }
        else if (destKey is not null)
        {
            if (!ReferenceEquals(merged, dest.Children[destKey]))
            {
                dest.Children[destKey] = merged; // keeps the key where it was
            }
        }
        else
        {
            dest.Add(YamlNodes.DeepClone(keyNode), merged);
        }
    }

    private YamlSequenceNode? MergeList(YamlSequenceNode? dest, YamlSequenceNode patch, PatchField? field, string path)
    {
        if (field is not { IsMergedList: true })
        {
            return ReplaceList(dest, patch, field, path);
        }

        return field.ElementKeys.Count == 0
            ? MergePrimitiveList(dest, patch, path)
            : MergeKeyedList(dest, patch, field, path);
    }

    /// <summary>A list without merge strategy (and every list of a kind without schema) is the patch's list.</summary>
    private YamlSequenceNode? ReplaceList(YamlSequenceNode? dest, YamlSequenceNode patch, PatchField? field, string path)
    {
        if (asKustomize)
        {
            // kustomize (and Kubernetes) take the list as data, directives and all. kustomize also gives it the style
            // of the list it replaces, and in a flow list (`[a, b]`) an empty value can only be written as "".
            var copy = (YamlSequenceNode)YamlNodes.DeepClone(patch);
            if (dest is { Style: YamlDotNet.Core.Events.SequenceStyle.Flow })
            {
                EmptyValuesAsStrings(copy);
            }

            return copy;
        }

        var result = new YamlSequenceNode { Style = patch.Style };
        foreach (var element in patch.Children)
        {
            if (IsSoleDirective(element))
            {
                if (ListDirective(element, path) == SmpDirective.Delete)
                {
                    return null;
                }

                continue; // replace or merge: the list is replaced anyway
            }

            EnsureNoDirectives(element, path, field);
            result.Add(YamlNodes.DeepClone(element));
        }

        return result;
    }

    private static void EmptyValuesAsStrings(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var key in map.Children.Keys.ToList())
                {
                    if (IsEmptyNull(map.Children[key]))
                    {
                        map.Children[key] = EmptyString();
                    }
                    else
                    {
                        EmptyValuesAsStrings(map.Children[key]);
                    }
                }

                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (IsEmptyNull(list.Children[i]))
                    {
                        list.Children[i] = EmptyString();
                    }
                    else
                    {
                        EmptyValuesAsStrings(list.Children[i]);
                    }
                }

                break;
        }

        static bool IsEmptyNull(YamlNode value) =>
            value is YamlScalarNode { Value: null or "", Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Tag.IsEmpty: true };

        static YamlScalarNode EmptyString() => new(string.Empty) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    /// <summary>A list of scalars with merge strategy (finalizers): the patch's values first, then the target's others, without repeats.</summary>
    private YamlSequenceNode? MergePrimitiveList(YamlSequenceNode? dest, YamlSequenceNode patch, string path)
    {
        var values = new List<YamlNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in patch.Children)
        {
            if (IsSoleDirective(element))
            {
                switch (ListDirective(element, path))
                {
                    case SmpDirective.Delete:
                        return null;
                    case SmpDirective.Replace:
                        dest = null;
                        break;
                }

                continue;
            }

            if (element is not YamlScalarNode scalar)
            {
                throw DiagnosticCatalog.SmpKindMismatch.Exception(
                    Locate(element), PatchName, Describe(element), $"{path}[]", resource, "plain value (the list holds plain values)");
            }

            if (seen.Add(scalar.Value ?? string.Empty))
            {
                values.Add(YamlNodes.DeepClone(scalar));
            }
        }

        foreach (var element in dest?.Children ?? [])
        {
            if (element is not YamlScalarNode scalar || seen.Add(scalar.Value ?? string.Empty))
            {
                values.Add(element);
            }
        }

        return Fill(dest ?? new YamlSequenceNode { Style = patch.Style }, values);
    }

    /// <summary>
    /// A list of objects merged by key: the patch's elements first, in patch order, each merged into the target
    /// element with the same key; then the target's other elements in their order (kustomize 5.5's order).
    /// </summary>
    private YamlSequenceNode? MergeKeyedList(YamlSequenceNode? dest, YamlSequenceNode patch, PatchField field, string path)
    {
        var keys = field.ElementKeys;
        var primary = Math.Max(0, IndexOf(keys, field.PrimaryKey));
        var elementType = registry.Type(field.ValueType);
        var patchElements = new List<(YamlMappingNode Node, string?[] Key, bool Delete)>();
        foreach (var element in patch.Children)
        {
            var directive = ListDirective(element, path);
            if (IsSoleDirective(element))
            {
                switch (directive)
                {
                    case SmpDirective.Delete:
                        return null; // kustomize drops the whole list for a lone `- $patch: delete`
                    case SmpDirective.Replace:
                        dest = null;
                        break;
                }

                continue;
            }

            if (element is not YamlMappingNode map)
            {
                throw DiagnosticCatalog.SmpMissingMergeKey.Exception(
                    Locate(element), PatchName, path, resource, keys[primary], $"is a {Describe(element)}, not a mapping");
            }

            var key = keys.Select(k => ScalarText(map.Get(k))).ToArray();
            if (key[primary] is null)
            {
                throw DiagnosticCatalog.SmpMissingMergeKey.Exception(
                    Locate(element), PatchName, path, resource, keys[primary], $"at {Position(element)} has no '{keys[primary]}'");
            }

            if (patchElements.Any(p => p.Key.SequenceEqual(key)))
            {
                throw DiagnosticCatalog.SmpDuplicateMergeKey.Exception(
                    Locate(element), PatchName, DescribeKey(keys, key), path, resource);
            }

            patchElements.Add((map, key, directive == SmpDirective.Delete));
        }

        var existing = dest?.Children.ToList() ?? [];
        var replaced = new YamlNode?[existing.Count];
        var taken = new bool[existing.Count];
        var patched = new List<YamlNode>();
        var added = new List<YamlNode>();
        foreach (var (node, key, delete) in patchElements)
        {
            var match = -1;
            var partial = -1;
            var deleted = false;
            for (var i = 0; i < existing.Count; i++)
            {
                var comparison = taken[i] ? KeyComparison.Different : Compare(existing[i], keys, key, primary);
                if (comparison != KeyComparison.Same)
                {
                    partial = comparison == KeyComparison.Partial && partial < 0 ? i : partial;
                    continue;
                }

                if (delete)
                {
                    taken[i] = deleted = true; // every element with that key goes
                    continue;
                }

                match = i;
                break;
            }

            if (match < 0 && !deleted && partial >= 0)
            {
                // kustomize (kyaml) drops a patch element that gives a key the target's element leaves out (or the
                // other way round): a port with `protocol: TCP` against one without it changes nothing.
                if (!asKustomize)
                {
                    throw DiagnosticCatalog.SmpElementIgnored.Exception(
                        Locate(node), PatchName, DescribeKey(keys, key), path, resource, string.Join("', '", keys.Where((_, i) => i != primary)));
                }

                continue;
            }

            if (delete)
            {
                continue;
            }

            var merged = MergeMap(match >= 0 ? (YamlMappingNode)existing[match] : null, node, elementType, $"{path}[{DescribeKey(keys, key)}]");
            if (match >= 0)
            {
                taken[match] = true;
                replaced[match] = merged;
            }

            if (merged is { Children.Count: > 0 })
            {
                patched.Add(merged);
                if (match < 0)
                {
                    added.Add(merged);
                }
            }
        }

        List<YamlNode> result;
        if (UsesSeveralKeys(keys, primary, patchElements.Select(p => p.Key), existing))
        {
            // kustomize keeps such lists (ports keyed by port and protocol) in the target's order and puts only new elements first.
            result = [.. added];
            for (var i = 0; i < existing.Count; i++)
            {
                if (!taken[i])
                {
                    result.Add(existing[i]);
                }
                else if (replaced[i] is YamlMappingNode { Children.Count: > 0 } merged)
                {
                    result.Add(merged);
                }
            }
        }
        else
        {
            result = [.. patched, .. existing.Where((_, i) => !taken[i])];
        }

        return Fill(dest ?? new YamlSequenceNode { Style = patch.Style }, result);
    }

    /// <summary>True when some element on either side gives a key besides the primary one, such as a port's protocol.</summary>
    private static bool UsesSeveralKeys(IReadOnlyList<string> keys, int primary, IEnumerable<string?[]> patchKeys, List<YamlNode> existing) =>
        keys.Count > 1
        && (patchKeys.Any(k => k.Where((v, i) => i != primary && v is not null).Any())
            || existing.OfType<YamlMappingNode>().Any(m => keys.Where((k, i) => i != primary && ScalarText(m.Get(k)) is not null).Any()));

    /// <summary>
    /// Two elements are the same when every key is equal, a key missing on both sides included. When the primary
    /// keys are equal and the others differ only in that one side leaves a key out, kustomize ignores the patch
    /// element (<see cref="KeyComparison.Partial"/>): it neither merges, adds nor deletes.
    /// </summary>
    private static KeyComparison Compare(YamlNode candidate, IReadOnlyList<string> keys, string?[] key, int primary)
    {
        if (candidate is not YamlMappingNode map || ScalarText(map.Get(keys[primary])) != key[primary])
        {
            return KeyComparison.Different;
        }

        var result = KeyComparison.Same;
        for (var i = 0; i < keys.Count; i++)
        {
            var value = ScalarText(map.Get(keys[i]));
            if (i == primary || value == key[i])
            {
                continue;
            }

            if (value is not null && key[i] is not null)
            {
                return KeyComparison.Different;
            }

            result = KeyComparison.Partial;
        }

        return result;
    }

    private enum KeyComparison
    {
        Same,
        Partial,
        Different,
    }

    private void RetainKeys(YamlMappingNode dest, YamlMappingNode patch, YamlNode retainKeys, string path)
    {
        if (retainKeys is not YamlSequenceNode list || list.Children.Any(c => c is not YamlScalarNode))
        {
            throw DiagnosticCatalog.SmpRetainKeysInvalid.Exception(Locate(retainKeys), PatchName, Here(path), resource, "it is not a list of field names");
        }

        var retained = list.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        foreach (var (keyNode, value) in patch.Children)
        {
            var key = KeyText(keyNode);
            if (key is null || IsDirective(key) || value is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar))
            {
                continue;
            }

            if (!retained.Contains(key))
            {
                throw DiagnosticCatalog.SmpRetainKeysInvalid.Exception(
                    Locate(keyNode), PatchName, Here(path), resource, $"the patch sets '{key}', which '$retainKeys' does not list");
            }
        }

        foreach (var keyNode in dest.Children.Keys.ToList())
        {
            if (KeyText(keyNode) is not { } key || !retained.Contains(key))
            {
                dest.Children.Remove(keyNode);
            }
        }
    }

    private void DeleteFromPrimitiveList(YamlMappingNode dest, string listName, YamlNode values, string path)
    {
        if (values is not YamlSequenceNode list || list.Children.Any(c => c is not YamlScalarNode))
        {
            throw DiagnosticCatalog.SmpDeleteFromPrimitiveListInvalid.Exception(
                Locate(values), PatchName, listName, Here(path), resource, $"the directive holds a {Describe(values)}, not a list of plain values");
        }

        if (dest.Get(listName) is not YamlSequenceNode target)
        {
            return; // nothing to delete from
        }

        var remove = list.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var kept = target.Children.Where(c => c is not YamlScalarNode s || !remove.Contains(s.Value ?? string.Empty)).ToList();
        Fill(target, kept);
    }

    /// <summary>
    /// Orders a merged list as the Kubernetes API server does for <c>$setElementOrder</c>: the listed elements in
    /// the listed order, the target's other elements kept where they were relative to them.
    /// </summary>
    private void SetElementOrder(
        YamlMappingNode dest, YamlMappingNode patch, string listName, YamlNode order, List<YamlNode> original, SchemaType? type, string path)
    {
        var field = type?.Field(listName);
        var fail = (string reason) => DiagnosticCatalog.SmpSetElementOrderInvalid.Exception(Locate(order), PatchName, listName, Here(path), resource, reason);
        if (order is not YamlSequenceNode orderList)
        {
            throw fail($"it holds a {Describe(order)}, not a list");
        }

        if (field is not { IsMergedList: true })
        {
            throw fail($"'{listName}' is not a list merged by key or value, so its order is the patch's order; write the complete list instead");
        }

        var key = field.PrimaryKey;
        var identity = (YamlNode node) => key is null ? ScalarText(node) : ScalarText((node as YamlMappingNode)?.Get(key));
        var orderIds = new List<string>();
        foreach (var element in orderList.Children)
        {
            orderIds.Add(identity(element)
                ?? throw fail(key is null ? "an element is not a plain value" : $"an element has no '{key}'"));
        }

        if (patch.Get(listName) is YamlSequenceNode patchList)
        {
            var last = -1;
            foreach (var element in patchList.Children.Where(e => !IsSoleDirective(e)))
            {
                var index = identity(element) is { } id ? orderIds.IndexOf(id) : -1;
                if (index <= last)
                {
                    throw fail($"the patch's '{listName}' list has elements that are missing from the order or in another order; list every patched element, in the patch's order");
                }

                last = index;
            }
        }

        if (dest.Get(listName) is not YamlSequenceNode merged)
        {
            return;
        }

        var originalIds = original.Select(identity).ToList();
        int Rank(List<string> ids, YamlNode node) => identity(node) is { } id && ids.IndexOf(id) is var i and >= 0 ? i : int.MaxValue;
        int OriginalRank(YamlNode node) => identity(node) is { } id && originalIds.IndexOf(id) is var i and >= 0 ? i : -1;

        var listed = merged.Children.Where(n => identity(n) is { } id && orderIds.Contains(id)).OrderBy(n => Rank(orderIds, n)).ToList();
        var others = merged.Children.Where(n => identity(n) is not { } id || !orderIds.Contains(id)).OrderBy(n => OriginalRank(n) is var r and >= 0 ? r : int.MaxValue).ToList();

        // Interleave: a target-only element goes before a listed one only when it came first in the target.
        var result = new List<YamlNode>(merged.Children.Count);
        int l = 0, r = 0;
        while (l < others.Count || r < listed.Count)
        {
            if (r >= listed.Count
                || (l < others.Count && OriginalRank(others[l]) is var lo and >= 0 && OriginalRank(listed[r]) is var ro and >= 0 && lo < ro))
            {
                result.Add(others[l++]);
            }
            else
            {
                result.Add(listed[r++]);
            }
        }

        Fill(merged, result);
    }

    private SmpDirective ReadPatchDirective(YamlMappingNode map, string path)
    {
        var value = map.Get(PatchDirective);
        return value is null ? SmpDirective.Merge : ParseDirective(value, path);
    }

    /// <summary>The <c>$patch</c> of a list element, which kustomize reads as a directive for the whole list when it is the element's only key.</summary>
    private SmpDirective ListDirective(YamlNode element, string path) =>
        element is YamlMappingNode map ? ReadPatchDirective(map, path) : SmpDirective.Merge;

    private SmpDirective ParseDirective(YamlNode value, string path) => (value as YamlScalarNode)?.Value switch
    {
        "merge" => SmpDirective.Merge,
        "replace" => SmpDirective.Replace,
        "delete" => SmpDirective.Delete,
        _ => throw DiagnosticCatalog.SmpUnknownDirective.Exception(
            Locate(value), PatchName, value is YamlScalarNode s ? s.Value : Describe(value), Here(path), resource),
    };

    private static bool IsSoleDirective(YamlNode element) =>
        element is YamlMappingNode { Children.Count: 1 } map && map.Get(PatchDirective) is not null;

    private void EnsureNoDirectives(YamlNode node, string path, PatchField? field)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (KeyText(key) is { } text && IsDirective(text))
                    {
                        var owner = field is null ? $"{resource} (a kind or field without schema)" : resource;
                        throw DiagnosticCatalog.SmpDirectiveInReplacedList.Exception(Locate(key), PatchName, text, path, owner);
                    }

                    EnsureNoDirectives(value, path, field);
                }

                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children)
                {
                    EnsureNoDirectives(child, path, field);
                }

                break;
        }
    }

    private static YamlSequenceNode Fill(YamlSequenceNode list, List<YamlNode> children)
    {
        list.Children.Clear();
        foreach (var child in children)
        {
            list.Children.Add(child);
        }

        return list;
    }

    private static YamlNode? FindKey(YamlMappingNode map, string key)
    {
        foreach (var candidate in map.Children.Keys)
        {
            if (candidate is YamlScalarNode scalar && scalar.Value == key)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? KeyText(YamlNode key) => (key as YamlScalarNode)?.Value;

    private static string? ScalarText(YamlNode? node) =>
        node is YamlScalarNode scalar && !GoYamlDialect.IsNull(scalar) ? scalar.Value : null;

    private static int IndexOf(IReadOnlyList<string> keys, string? key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string DescribeKey(IReadOnlyList<string> keys, string?[] key) =>
        string.Join(",", keys.Select((k, i) => key[i] is null ? null : $"{k}={key[i]}").Where(s => s is not null));

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Here(string path) => path.Length == 0 ? "the top level" : path;

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };

    private static string Position(YamlNode node) =>
        node.Start.Line > 0 ? $"line {node.Start.Line}" : "in the patch";

    private SourceLocation Locate(YamlNode node) => YamlReader.Locate(patchOrigin, node.Start);
}
