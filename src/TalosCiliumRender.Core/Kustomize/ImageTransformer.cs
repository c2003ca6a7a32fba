using System.Runtime.ExceptionServices;
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
/// <remarks>
/// kustomize runs one transformer per entry, each walking every object. Rewriting an image changes only the scalar's
/// text, never which nodes hold images, so the nodes are found once per object and every entry is applied to them in
/// entry order: the same result for a fraction of the walking.
/// </remarks>
internal static class ImageTransformer
{
    /// <summary>
    /// Compiles the entries' patterns, which needs no object, so a build can do it before it has any; an invalid
    /// pattern is kept and raised by <see cref="Apply"/>, where the transformer would have compiled it.
    /// </summary>
    public static ImageRules Prepare(IReadOnlyList<ImageEntry> entries, string kustomizationFile)
    {
        try
        {
            return new ImageRules(entries.Select(entry => (entry, Compile(entry, kustomizationFile))).ToList(), null);
        }
        catch (DiagnosticException e)
        {
            return new ImageRules([], ExceptionDispatchInfo.Capture(e));
        }
    }

    public static void Apply(ResourceSet resources, ImageRules prepared)
    {
        if (prepared.Fault is { } fault)
        {
            fault.Throw();
        }

        var rules = prepared.Rules;
        if (rules.Count == 0)
        {
            return;
        }

        // Shape errors surface while the first entry runs, as they do in kustomize.
        var action = $"set image '{rules[0].Entry.Name}'";
        var images = new List<YamlScalarNode>();
        foreach (var resource in resources.Resources)
        {
            var id = resource.CurrentId;
            if (id.Kind == "CustomResourceDefinition")
            {
                continue;
            }

            images.Clear();
            CollectContainerImages(resource, resource.Root, images, action);
            foreach (var spec in BuiltinFieldSpecs.Images)
            {
                FieldSpecWalker.Apply(resource, id, spec, FieldSpecWalker.Create.Nothing, node => images.Add(AsImage(resource, node, spec.Path, action)), action);
            }

            foreach (var (entry, pattern) in rules)
            {
                foreach (var image in images)
                {
                    var value = image.Value ?? string.Empty;
                    if (pattern.IsMatch(value))
                    {
                        FieldSpecWalker.SetString(image, ImageReference.Rewrite(value, entry));
                    }
                }
            }
        }
    }

    private static Regex Compile(ImageEntry entry, string kustomizationFile)
    {
        try
        {
            return new Regex("^" + entry.Name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw DiagnosticCatalog.ImageNameInvalid.Exception(entry.Location, entry.Name, kustomizationFile, e.Message);
        }
    }

    /// <summary>The image of every container in a <c>containers</c> or <c>initContainers</c> list, at any depth.</summary>
    private static void CollectContainerImages(KubeResource resource, YamlNode node, List<YamlScalarNode> images, string action)
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

                    CollectContainerImages(resource, value, images, action);
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
                                images.Add(AsImage(resource, image, $"{name.Value}[{i}].image", action));
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
                        CollectContainerImages(resource, item, images, action);
                    }
                }

                break;
        }
    }

    private static YamlScalarNode AsImage(KubeResource resource, YamlNode node, string path, string action) =>
        node as YamlScalarNode ?? throw FieldSpecWalker.Mismatch(resource, action, path, node, "string");
}

/// <summary>The compiled patterns of a kustomization's <c>images</c> entries, in entry order, or why one does not compile.</summary>
internal sealed record ImageRules(IReadOnlyList<(ImageEntry Entry, Regex Pattern)> Rules, ExceptionDispatchInfo? Fault);
