using TalosCiliumRender.Core.Patching;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// What kustomize's strategic merge (kyaml's merge walk) does to null fields of the object it patches, wherever the
/// patch reaches or not: a field written with no value (<c>annotations:</c>, as helm renders an empty value) is
/// removed, while an explicit <c>null</c> or <c>~</c> stays. The walk covers every mapping and the items of lists
/// merged by key; other lists are taken whole and keep their empty fields.
/// </summary>
internal static class MergedNullFields
{
    public static void Apply(YamlMappingNode root, MergeKeyRegistry registry) =>
        Walk(root, registry.ForKind(GroupVersionKind.From(root)), registry);

    private static void Walk(YamlMappingNode map, SchemaType? type, MergeKeyRegistry registry)
    {
        List<YamlNode>? removed = null;
        foreach (var (key, value) in map.Children)
        {
            var field = key is YamlScalarNode { Value: { } name } ? type?.Field(name) : null;
            switch (value)
            {
                case YamlScalarNode scalar when string.IsNullOrEmpty(scalar.Value) && NodeText.IsNull(scalar):
                    (removed ??= []).Add(key);
                    break;
                case YamlMappingNode child:
                    Walk(child, registry.Type(field?.ValueType), registry);
                    break;
                case YamlSequenceNode list when field is { IsMergedList: true, ElementKeys.Count: > 0 }:
                    var itemType = registry.Type(field.ValueType);
                    foreach (var item in list.Children.OfType<YamlMappingNode>())
                    {
                        Walk(item, itemType, registry);
                    }

                    break;
            }
        }

        foreach (var key in removed ?? [])
        {
            map.Children.Remove(key);
        }
    }
}
