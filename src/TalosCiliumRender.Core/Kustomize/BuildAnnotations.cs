using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// kustomize's bookkeeping annotations, as far as a build can see them. Before each JSON 6902 patch kustomize stores
/// the object's id in <c>internal.config.kubernetes.io/previousKinds</c>, <c>previousNames</c> and
/// <c>previousNamespaces</c> (comma-separated, one entry per patch; <c>_non_namespaceable_</c> for cluster-scoped
/// objects), so the patch sees them: a <c>test</c> of all annotations fails, a <c>copy</c> of <c>/metadata</c> carries
/// them into the output. After the patch it puts every <c>internal.config.kubernetes.io/</c> annotation back, and the
/// end of the build removes the three (api/resource/resource.go StorePreviousId, builtins/PatchTransformer.go
/// transformJson6902, resmap RemoveBuildAnnotations; checked with <c>kubectl kustomize</c>).
/// </summary>
internal static class BuildAnnotations
{
    private const string InternalPrefix = "internal.config.kubernetes.io/";

    private static readonly string[] PreviousId = [InternalPrefix + "previousKinds", InternalPrefix + "previousNames", InternalPrefix + "previousNamespaces"];

    /// <summary>Adds the object's current id to its previous-id annotations; returns its internal annotations, to put back after the patch.</summary>
    public static IReadOnlyList<KeyValuePair<string, YamlNode>> StorePreviousId(KubeResource resource)
    {
        var id = resource.CurrentId;
        if (Annotations(resource.Root) is not { } annotations)
        {
            return [];
        }

        string[] values = [id.Kind, id.Name, id.EffectiveNamespace];
        for (var i = 0; i < PreviousId.Length; i++)
        {
            var key = new YamlScalarNode(PreviousId[i]);
            var existing = annotations.Children.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } text } ? text + "," : string.Empty;
            annotations.Children[key] = ScalarFactory.String(existing + values[i]);
        }

        return annotations.Children
            .Where(p => p.Key is YamlScalarNode { Value: { } k } && k.StartsWith(InternalPrefix, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, YamlNode>(((YamlScalarNode)p.Key).Value!, p.Value))
            .ToList();
    }

    /// <summary>Puts the internal annotations back on the patched object, whatever the patch did to them.</summary>
    public static void Restore(YamlMappingNode root, IReadOnlyList<KeyValuePair<string, YamlNode>> saved)
    {
        if (saved.Count == 0 || Annotations(root) is not { } annotations)
        {
            return;
        }

        foreach (var (key, value) in saved)
        {
            annotations.Children[new YamlScalarNode(key)] = value;
        }
    }

    /// <summary>Drops the previous-id annotations at the end of a build.</summary>
    public static void Remove(YamlMappingNode root)
    {
        if (root.Get("metadata") is YamlMappingNode metadata && metadata.Get("annotations") is YamlMappingNode annotations)
        {
            foreach (var key in PreviousId)
            {
                annotations.Children.Remove(new YamlScalarNode(key));
            }
        }
    }

    private static YamlMappingNode? Annotations(YamlMappingNode root)
    {
        if (root.Get("metadata") is not YamlMappingNode metadata)
        {
            return null;
        }

        KustomizeEngine.EnsureAnnotations(root);
        return metadata.Get("annotations") as YamlMappingNode;
    }
}
