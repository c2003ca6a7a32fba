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

        // kustomize sets the keys in sorted order; it shows in the order of keys it adds.
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        foreach (var resource in resources.Resources)
        {
            var id = resource.CurrentId;
            foreach (var (key, value) in sorted)
            {
                var action = $"add {what} '{key}'";
                foreach (var spec in specs)
                {
                    FieldSpecWalker.Apply(resource, id, spec, FieldSpecWalker.Create.Mapping, node => FieldSpecWalker.SetEntry(resource, node, key, value, action, spec.Path.Replace('/', '.')), action);
                }
            }
        }
    }

    /// <summary>The field specs of one <c>labels</c> entry.</summary>
    public static IReadOnlyList<FieldSpec> SpecsFor(LabelEntry entry) =>
        entry.IncludeSelectors ? BuiltinFieldSpecs.CommonLabels
        : entry.IncludeTemplates ? BuiltinFieldSpecs.TemplateLabels
        : BuiltinFieldSpecs.MetadataLabelsOnly;
}
