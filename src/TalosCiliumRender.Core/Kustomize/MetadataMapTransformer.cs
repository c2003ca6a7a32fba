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
        // The texts for error messages are made once, not per object and map.
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value, Action: $"add {what} '{p.Key}'")).ToList();
        var action = sorted[0].Action;
        var paths = specs.Select(spec => spec.Path.Replace('/', '.')).ToList();
        foreach (var resource in resources.Resources)
        {
            var id = resource.CurrentId;
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                if (spec.Applies(id))
                {
                    var path = paths[i];
                    FieldSpecWalker.Apply(resource, id, spec, FieldSpecWalker.Create.Mapping, node => SetAll(resource, node, sorted, path), action);
                }
            }
        }
    }

    private static void SetAll(KubeResource resource, YamlNode node, List<(string Key, string Value, string Action)> pairs, string path)
    {
        foreach (var (key, value, action) in pairs)
        {
            FieldSpecWalker.SetEntry(resource, node, key, value, action, path);
        }
    }

    /// <summary>The field specs of one <c>labels</c> entry.</summary>
    public static IReadOnlyList<FieldSpec> SpecsFor(LabelEntry entry) =>
        entry.IncludeSelectors ? BuiltinFieldSpecs.CommonLabels
        : entry.IncludeTemplates ? BuiltinFieldSpecs.TemplateLabels
        : BuiltinFieldSpecs.MetadataLabelsOnly;
}
