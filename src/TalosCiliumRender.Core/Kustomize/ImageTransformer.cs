using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// kustomize's images transformer: first every <c>containers</c>/<c>initContainers</c> list anywhere in an object
/// (custom resources too, CRDs excepted), then its field specs. The entry's name is used as a regular expression
/// followed by an optional tag and sha256 digest, exactly as kustomize matches it.
/// </summary>
internal static class ImageTransformer
{
    public static void Apply(ResourceSet resources, ImageEntry entry, string kustomizationFile)
    {
        Regex pattern;
        try
        {
            pattern = new Regex("^" + entry.Name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw DiagnosticCatalog.ImageNameInvalid.Exception(entry.Location, entry.Name, kustomizationFile, e.Message);
        }

        var action = $"set image '{entry.Name}'";
        foreach (var resource in resources.Resources)
        {
            var id = resource.CurrentId;
            if (id.Kind == "CustomResourceDefinition")
            {
                continue;
            }

            Walk(resource, resource.Root);
            foreach (var spec in BuiltinFieldSpecs.Images)
            {
                FieldSpecWalker.Apply(resource, id, spec, FieldSpecWalker.Create.Nothing, node => Update(resource, node, spec.Path), action);
            }
        }

        void Walk(KubeResource resource, YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        if (value is YamlScalarNode)
                        {
                            continue;
                        }

                        Walk(resource, value);
                        if (value is YamlSequenceNode containers && key is YamlScalarNode { Value: "containers" or "initContainers" } name)
                        {
                            for (var i = 0; i < containers.Children.Count; i++)
                            {
                                if (containers.Children[i] is not YamlMappingNode container)
                                {
                                    throw FieldSpecWalker.Mismatch(resource, action, $"{name.Value}[{i}]", containers.Children[i], "mapping");
                                }

                                if (container.Children.TryGetValue(new YamlScalarNode("image"), out var image))
                                {
                                    Update(resource, image, $"{name.Value}[{i}].image");
                                }
                            }
                        }
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        if (item is not YamlScalarNode)
                        {
                            Walk(resource, item);
                        }
                    }

                    break;
            }
        }

        void Update(KubeResource resource, YamlNode node, string path)
        {
            if (node is not YamlScalarNode scalar)
            {
                throw FieldSpecWalker.Mismatch(resource, action, path, node, "string");
            }

            var value = scalar.Value ?? string.Empty;
            if (pattern.IsMatch(value))
            {
                FieldSpecWalker.SetString(scalar, ImageReference.Rewrite(value, entry));
            }
        }
    }
}
