using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>kustomize's label and annotation transformers: set each pair in every map the field specs reach.</summary>
internal static class MetadataMapTransformer
{
    public static void Apply(ResourceSet resources, IReadOnlyList<KeyValuePair<string, string>> pairs, IReadOnlyList<FieldSpec> specs, string what)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        // kustomize sets the keys in sorted order; it shows in the order of keys it adds. It walks each spec once per
        // key; walking once per spec and setting every key gives the same maps, since setting a key adds no path.
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var action = $"add {what} '{sorted[0].Key}'";
        foreach (var resource in resources.Resources)
        {
            var id = resource.CurrentId;
            foreach (var spec in specs)
            {
                if (spec.Applies(id))
                {
                    FieldSpecWalker.Apply(resource, id, spec, FieldSpecWalker.Create.Mapping, node => SetAll(resource, node, sorted, spec, what), action);
                }
            }
        }
    }

    private static void SetAll(KubeResource resource, YamlNode node, List<KeyValuePair<string, string>> pairs, FieldSpec spec, string what)
    {
        foreach (var (key, value) in pairs)
        {
            FieldSpecWalker.SetEntry(resource, node, key, value, $"add {what} '{key}'", spec.Path.Replace('/', '.'));
        }
    }

    /// <summary>The field specs of one <c>labels</c> entry.</summary>
    public static IReadOnlyList<FieldSpec> SpecsFor(LabelEntry entry) =>
        entry.IncludeSelectors ? BuiltinFieldSpecs.CommonLabels
        : entry.IncludeTemplates ? BuiltinFieldSpecs.TemplateLabels
        : BuiltinFieldSpecs.MetadataLabelsOnly;
}
