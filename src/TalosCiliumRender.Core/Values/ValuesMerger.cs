using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>
/// Layers values the way helm coalesces them: maps merge key by key, anything else (lists, scalars, null)
/// in the higher layer replaces the lower one. A null is kept, so helm still deletes the chart's default.
/// </summary>
internal static class ValuesMerger
{
    /// <summary>Merges <paramref name="higher"/> over <paramref name="lower"/> into a new tree; neither input changes.</summary>
    public static YamlMappingNode Merge(YamlMappingNode lower, YamlMappingNode higher)
    {
        var result = YamlNodes.DeepClone(lower);
        MergeInto(result, higher);
        return result;
    }

    /// <summary>Merges every layer in order, lowest first.</summary>
    public static YamlMappingNode MergeAll(IEnumerable<YamlMappingNode> layers)
    {
        var result = new YamlMappingNode();
        foreach (var layer in layers)
        {
            MergeInto(result, layer);
        }

        return result;
    }

    private static void MergeInto(YamlMappingNode target, YamlMappingNode higher)
    {
        foreach (var (key, value) in higher.Children)
        {
            if (value is YamlMappingNode higherMap
                && target.Children.TryGetValue(key, out var existing)
                && existing is YamlMappingNode lowerMap)
            {
                MergeInto(lowerMap, higherMap);
            }
            else
            {
                target.Children[YamlNodes.DeepClone(key)] = YamlNodes.DeepClone(value);
            }
        }
    }
}
