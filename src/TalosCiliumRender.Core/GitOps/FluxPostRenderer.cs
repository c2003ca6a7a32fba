using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.GitOps;

/// <summary>
/// A render's kustomization as a Flux HelmRelease post-renderer (<c>spec.postRenderers[].kustomize</c>), which takes
/// only <c>patches</c> (each a strategic merge or JSON 6902 patch, with an optional target) and <c>images</c>. The
/// kustomization is read with the same loader the render uses, so it is checked the same way; whatever Flux cannot
/// express is refused by name (TCR5051), never dropped.
/// </summary>
/// <remarks>
/// Strategic merge patches (<c>patchesStrategicMerge</c>, and <c>patches</c> without a target) select their object by
/// its own kind and name in Flux's kustomize as in ours. The patch bodies go over verbatim, as the kustomization holds
/// them (inline, or the file's text), so Flux's kustomize reads exactly what ours read. The order is kustomize's:
/// strategic merge patches, then patches, then JSON 6902 patches, then images (with nothing between them, as
/// namespace, labels and annotations are refused, Flux's single patch list applies them in the same order).
/// </remarks>
internal static class FluxPostRenderer
{
    /// <summary>The <c>kustomize</c> block for the kustomization at <paramref name="fullPath"/> (a folder or the file).</summary>
    /// <exception cref="DiagnosticException">TCR5051 for fields Flux cannot express; the loader's own errors (TCR2xxx, TCR3xxx).</exception>
    public static async Task<YamlMappingNode> FromKustomizationAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        var kustomization = await KustomizationLoader.LoadAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false);
        if (Inexpressible(kustomization) is { Count: > 0 } fields)
        {
            throw DiagnosticCatalog.FluxPostRendererUnsupported.Exception(SourceLocation.InFile(kustomization.FilePath), kustomization.FilePath, string.Join(", ", fields));
        }

        var patches = new YamlSequenceNode();
        foreach (var entry in kustomization.PatchesStrategicMerge.Concat(kustomization.Patches).Concat(kustomization.PatchesJson6902))
        {
            var loaded = await PatchLoader.LoadAsync(kustomization, entry, asKustomize: false, cancellationToken).ConfigureAwait(false);
            var patch = new YamlMappingNode { { "patch", ScalarFactory.String(loaded.Text) } };
            if (entry.Target is { } target)
            {
                patch.Add("target", Target(target));
            }

            patches.Add(patch);
        }

        var kustomize = new YamlMappingNode();
        if (patches.Children.Count > 0)
        {
            kustomize.Add("patches", patches);
        }

        if (kustomization.Images.Count > 0)
        {
            kustomize.Add("images", new YamlSequenceNode(kustomization.Images.Select(Image)));
        }

        return kustomize;
    }

    /// <summary>The fields of <paramref name="kustomization"/> a Flux post-renderer has no place for, in the file's terms.</summary>
    private static List<string> Inexpressible(Kustomization kustomization)
    {
        var fields = new List<string>();
        void Add(bool present, string field)
        {
            if (present)
            {
                fields.Add(field);
            }
        }

        Add(kustomization.Resources.Count > 0, "resources (" + string.Join(", ", kustomization.Resources.Select(r => r.Path)) + ")");
        Add(kustomization.Components.Count > 0, "components (" + string.Join(", ", kustomization.Components.Select(c => c.Path)) + ")");
        Add(kustomization.Namespace is not null, "namespace");
        Add(kustomization.CommonLabels.Count > 0, "commonLabels");
        Add(kustomization.Labels.Count > 0, "labels");
        Add(kustomization.CommonAnnotations.Count > 0, "commonAnnotations");
        Add(kustomization.Replicas.Count > 0, "replicas");
        return fields;
    }

    private static YamlMappingNode Target(PatchTarget target)
    {
        var map = new YamlMappingNode();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                map.Add(key, ScalarFactory.String(value));
            }
        }

        Add("group", target.Group);
        Add("version", target.Version);
        Add("kind", target.Kind);
        Add("name", target.Name);
        Add("namespace", target.Namespace);
        Add("labelSelector", target.LabelSelectorText);
        Add("annotationSelector", target.AnnotationSelectorText);
        return map;
    }

    private static YamlNode Image(ImageEntry image)
    {
        var map = new YamlMappingNode { { "name", ScalarFactory.String(image.Name) } };
        if (image.NewName is { } newName)
        {
            map.Add("newName", ScalarFactory.String(newName));
        }

        if (image.NewTag is { } newTag)
        {
            map.Add("newTag", ScalarFactory.String(newTag));
        }

        if (image.Digest is { } digest)
        {
            map.Add("digest", ScalarFactory.String(digest));
        }

        return map;
    }
}
