using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Builds a kustomization: accumulates its resources (after an optional base, such as a helm render), then runs
/// the builtin transformers in kustomize's fixed order, whatever the order of fields in the file: strategic merge
/// patches, patches, namespace, labels then commonLabels, commonAnnotations, JSON 6902 patches, replicas, images.
/// </summary>
internal sealed class KustomizeEngine(KustomizeMode mode, KustomizeOptions options)
{
    /// <summary>Runs the build; the result is in build order, not yet sorted for output.</summary>
    /// <remarks>The top kustomization may be a Component too: kustomize builds one on its own like a Kustomization.</remarks>
    /// <param name="kustomizationPath">A folder or kustomization file, as the user gave it.</param>
    /// <param name="baseDocuments">Objects that come before the kustomization's own resources.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public async Task<ResourceSet> BuildAsync(string kustomizationPath, IReadOnlyList<ManifestDocument> baseDocuments, CancellationToken cancellationToken)
    {
        var resources = new ResourceSet();
        resources.AddRange(ResourceReader.FromDocuments(baseDocuments, "<base>"));
        var kustomization = await KustomizationLoader.LoadAsync(Path.GetFullPath(kustomizationPath), kustomizationPath, cancellationToken).ConfigureAwait(false);
        await AccumulateAsync(kustomization, resources, [kustomization.Directory], cancellationToken).ConfigureAwait(false);
        NameReferences.Fix(resources);
        foreach (var resource in resources.Resources)
        {
            if (mode == KustomizeMode.Kustomize)
            {
                BuildAnnotations.Remove(resource.Root);
            }

            RemoveEmptyAnnotations(resource.Root);
            if (mode == KustomizeMode.Kustomize)
            {
                StringifyAnnotations(resource);
            }
        }

        return resources;
    }

    /// <summary>
    /// kustomize rewrites annotations as strings when it drops its bookkeeping ones, so a value written as <c>1</c>,
    /// <c>true</c>, <c>~</c> or a date comes out as that text in quotes (the JSON text after a JSON 6902 patch), and a
    /// mapping or list as "".
    /// Patching a render leaves them be: a document keeps its meaning wherever kustomize does not change it on purpose.
    /// </summary>
    private static void StringifyAnnotations(KubeResource resource)
    {
        if (resource.Root.Get("metadata") is not YamlMappingNode metadata || metadata.Get("annotations") is not YamlMappingNode annotations)
        {
            return;
        }

        foreach (var key in annotations.Children.Keys.ToList())
        {
            // A mapping or list has no text of its own, so it becomes "".
            var text = annotations.Children[key] is YamlScalarNode scalar
                ? resource.JsonPatched ? KustomizeValue.JsonText(scalar) : scalar.Value ?? string.Empty
                : string.Empty;
            annotations.Children[key] = new YamlScalarNode(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
        }
    }

    /// <summary>
    /// During a kustomize build every object carries a metadata.annotations map (kustomize keeps its own bookkeeping
    /// annotations there), so patches can add to it even when the input had none; an empty or null map is dropped.
    /// </summary>
    internal static void EnsureAnnotations(YamlMappingNode root)
    {
        if (root.Get("metadata") is not YamlMappingNode metadata)
        {
            return;
        }

        var key = new YamlScalarNode("annotations");
        if (!metadata.Children.TryGetValue(key, out var annotations))
        {
            metadata.Children.Add(ScalarFactory.String("annotations"), new YamlMappingNode());
        }
        else if (annotations is YamlScalarNode scalar && NodeText.IsNull(scalar))
        {
            metadata.Children[key] = new YamlMappingNode();
        }
    }

    private static void RemoveEmptyAnnotations(YamlMappingNode root)
    {
        if (root.Get("metadata") is YamlMappingNode metadata
            && (metadata.Get("annotations") is YamlMappingNode { Children.Count: 0 }
                || (metadata.Get("annotations") is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: { } annotations }
                    && GoYamlDialect.IsNullText(annotations))))
        {
            metadata.Children.Remove(new YamlScalarNode("annotations"));
        }
    }

    /// <summary>
    /// Accumulates a kustomization as kustomize's KustTarget does: its resources (files, and folders holding a
    /// kustomization, each built on its own with its own transformers, then merged), then its components (each
    /// adds its resources to the same set and runs its transformers over everything gathered so far), then its
    /// own transformers over the lot.
    /// </summary>
    /// <param name="kustomization">The kustomization (or component) to accumulate.</param>
    /// <param name="resources">The set to add to and transform.</param>
    /// <param name="roots">The folders of the kustomizations being built, outermost first, this one's last.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    private async Task AccumulateAsync(Kustomization kustomization, ResourceSet resources, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        foreach (var entry in kustomization.Resources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (KustomizationPaths.LooksRemote(entry.Path))
            {
                throw DiagnosticCatalog.RemoteResourceUnsupported.Exception(entry.Location, entry.Path, kustomization.FilePath);
            }

            // kustomize loads an entry as a file under its load restrictor first, then as a folder from anywhere.
            if (KustomizationPaths.Folder(kustomization, entry.Path) is { } folder)
            {
                var nested = await LoadNestedAsync(kustomization, entry, folder, "resources", roots, cancellationToken).ConfigureAwait(false);
                var nestedResources = new ResourceSet();
                await AccumulateAsync(nested, nestedResources, [.. roots, nested.Directory], cancellationToken).ConfigureAwait(false);
                resources.AddRange(nestedResources.Resources);
                continue;
            }

            var (full, display) = KustomizationPaths.Resolve(kustomization, entry.Path, entry.Location);
            var text = await InputFile.ReadTextAsync(full, display, entry.Location, cancellationToken).ConfigureAwait(false);

            resources.AddRange(ResourceReader.FromDocuments(YamlReader.ReadDocuments(text, display), display));
        }

        foreach (var entry in kustomization.Components)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (KustomizationPaths.Folder(kustomization, entry.Path) is not { } folder)
            {
                var (_, display) = KustomizationPaths.Resolve(kustomization, entry.Path, entry.Location, anywhere: true);
                throw DiagnosticCatalog.ComponentNotFolder.Exception(entry.Location, display, kustomization.FilePath);
            }

            var component = await LoadNestedAsync(kustomization, entry, folder, "components", roots, cancellationToken).ConfigureAwait(false);
            await AccumulateAsync(component, resources, [.. roots, component.Directory], cancellationToken).ConfigureAwait(false);
        }

        // Like kustomize, configure (read) every patch before running any transformer.
        var psm = await LoadAllAsync(kustomization, kustomization.PatchesStrategicMerge, cancellationToken).ConfigureAwait(false);
        var patches = await LoadAllAsync(kustomization, kustomization.Patches, cancellationToken).ConfigureAwait(false);
        var json6902 = await LoadAllAsync(kustomization, kustomization.PatchesJson6902, cancellationToken).ConfigureAwait(false);

        foreach (var patch in psm)
        {
            ApplyUntargeted(resources, patch);
        }

        foreach (var patch in patches)
        {
            ApplyPatch(resources, patch);
        }

        if (kustomization.Namespace is { } ns)
        {
            NamespaceTransformer.Apply(resources, ns, kustomization.FilePath);
        }

        foreach (var labels in kustomization.Labels)
        {
            MetadataMapTransformer.Apply(resources, labels.Pairs, MetadataMapTransformer.SpecsFor(labels), "label");
        }

        MetadataMapTransformer.Apply(resources, kustomization.CommonLabels, BuiltinFieldSpecs.CommonLabels, "label");
        MetadataMapTransformer.Apply(resources, kustomization.CommonAnnotations, BuiltinFieldSpecs.CommonAnnotations, "annotation");

        foreach (var patch in json6902)
        {
            ApplyPatch(resources, patch);
        }

        foreach (var replica in kustomization.Replicas)
        {
            ReplicaTransformer.Apply(resources, replica, kustomization.FilePath);
        }

        ImageTransformer.Apply(resources, kustomization.Images, kustomization.FilePath);
    }

    /// <summary>
    /// Loads the kustomization of a base or component folder, refusing, as kustomize's loader does, a folder that
    /// contains (or is) one already being built ("cycle detected"), and a kind that does not fit the list naming it.
    /// </summary>
    private static async Task<Kustomization> LoadNestedAsync(
        Kustomization parent, KustomizationEntry entry, (string FullPath, string DisplayPath) folder, string list, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        // kustomize's loader refuses a new root given absolutely ("new root '/…' cannot be absolute"), for bases
        // and components alike; an absolute path to a file inside the folder is loaded as a file and allowed.
        if (Path.IsPathRooted(entry.Path))
        {
            var relative = Path.GetRelativePath(parent.Directory, folder.FullPath);
            throw DiagnosticCatalog.KustomizationFieldInvalid.Exception(
                entry.Location, list, parent.FilePath, $"'{entry.Path}' is an absolute path to a folder, and kustomize refuses it (new root '{entry.Path}' cannot be absolute); write it relative to this kustomization's folder ('{relative}')");
        }

        if (roots.FirstOrDefault(root => root == folder.FullPath || KustomizationPaths.IsInside(root, folder.FullPath)) is { } visited)
        {
            throw DiagnosticCatalog.KustomizationCycle.Exception(entry.Location, entry.Path, parent.FilePath, folder.DisplayPath, visited);
        }

        var nested = await KustomizationLoader.LoadAsync(folder.FullPath, folder.DisplayPath, cancellationToken).ConfigureAwait(false);
        var wantComponent = list == "components";
        if (nested.IsComponent != wantComponent)
        {
            throw DiagnosticCatalog.KustomizationKindMismatch.Exception(entry.Location, entry.Path, parent.FilePath, list, nested.FilePath, nested.IsComponent ? "Component" : "Kustomization");
        }

        return nested;
    }

    private async Task<IReadOnlyList<LoadedPatch>> LoadAllAsync(Kustomization kustomization, IReadOnlyList<PatchEntry> entries, CancellationToken cancellationToken)
    {
        var result = new List<LoadedPatch>(entries.Count);
        foreach (var entry in entries)
        {
            result.Add(await PatchLoader.LoadAsync(kustomization, entry, mode == KustomizeMode.Kustomize, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private void ApplyPatch(ResourceSet resources, LoadedPatch patch)
    {
        var target = patch.Entry.Target;
        if (target is null)
        {
            if (patch.IsJson)
            {
                throw DiagnosticCatalog.JsonPatchTargetRequired.Exception(patch.Entry.Location, patch.Entry.Describe());
            }

            ApplyUntargeted(resources, patch);
            return;
        }

        if (!patch.IsJson && patch.StrategicMerge.Count > 1)
        {
            throw DiagnosticCatalog.MultiplePatchesWithTarget.Exception(patch.Entry.Location, patch.Entry.Describe(), patch.StrategicMerge.Count);
        }

        var selected = resources.Resources.Where(target.Matches).ToList();
        if (selected.Count == 0)
        {
            if (mode == KustomizeMode.RenderPatch && !options.AllowUnmatchedPatches)
            {
                throw DiagnosticCatalog.PatchMatchedNothing.Exception(patch.Entry.Location, patch.Entry.Describe(), target);
            }

            return;
        }

        foreach (var resource in selected)
        {
            if (patch.IsJson)
            {
                ApplyJson(resource, patch);
            }
            else
            {
                ApplyStrategicMerge(resources, resource, patch, patch.StrategicMerge[0], targeted: true);
            }
        }
    }

    private void ApplyUntargeted(ResourceSet resources, LoadedPatch patch)
    {
        foreach (var document in patch.StrategicMerge)
        {
            var id = ResourceId.Of(document);
            var matches = resources.MatchingAnyId(id);
            if (matches.Count == 0)
            {
                var location = YamlReader.Locate(patch.Origin, document.Start);
                throw DiagnosticCatalog.StrategicMergePatchNoMatch.Exception(patch.Inline?.Map(location) ?? location, patch.Entry.Describe(), id);
            }

            ApplyStrategicMerge(resources, matches[0], patch, document, targeted: false);
        }
    }

    private void ApplyStrategicMerge(ResourceSet resources, KubeResource resource, LoadedPatch patch, YamlMappingNode document, bool targeted)
    {
        // `talos-cilium kustomize` does what kustomize does; patching a render refuses what kustomize would silently
        // skip or copy into the output for the API server to reject.
        var asKustomize = mode == KustomizeMode.Kustomize;
        var before = resource.CurrentId;
        var body = document;
        if (targeted)
        {
            // kustomize gives a targeted patch the object's apiVersion; kind, name and namespace are restored below.
            body = YamlNodes.DeepClone(document);
            SetOrRemove(body, "apiVersion", resource.Root.Get("apiVersion"));
        }

        var result = patch.Translate(() => StrategicMergePatch.Apply(resource.Root, body, MergeKeyRegistry.Kubernetes, patch.Origin, asKustomize));
        if (result is null || result.Children.Count == 0)
        {
            resources.Remove(resource);
            return;
        }

        resource.Root = result;
        Restore(result, before);
        MergedNullFields.Apply(result, MergeKeyRegistry.Kubernetes);
    }

    private void ApplyJson(KubeResource resource, LoadedPatch patch)
    {
        var id = resource.CurrentId;
        var asKustomize = mode == KustomizeMode.Kustomize;

        // Patching a render hides kustomize's bookkeeping from the patch: nobody means to test or copy it.
        var saved = asKustomize ? BuildAnnotations.StorePreviousId(resource) : [];
        var result = patch.Translate(() => JsonPatch.Apply(resource.Root, patch.Json!, id.ToString(), asKustomize));
        // kustomize refuses a patched object without kind or metadata.name ("missing metadata.name in object").
        var invalid = result switch
        {
            not YamlMappingNode => $"a {YamlReader.Describe(result)}",
            YamlMappingNode m when string.IsNullOrEmpty(ObjectIdentity.From(m).Kind) => "a mapping without kind",
            YamlMappingNode m when string.IsNullOrEmpty(ObjectIdentity.From(m).Name) => "an object without metadata.name",
            _ => null,
        };
        if (invalid is not null || result is not YamlMappingNode map)
        {
            throw DiagnosticCatalog.PatchResultInvalid.Exception(patch.Entry.Location, patch.Entry.Describe(), id, invalid ?? "something else");
        }

        BuildAnnotations.Restore(map, saved);
        resource.Root = map;
        resource.JsonPatched = true;
    }

    /// <summary>Puts back kind, name and namespace after a strategic merge, as kustomize does.</summary>
    private static void Restore(YamlMappingNode root, ResourceId before)
    {
        var current = ObjectIdentity.From(root);
        if (current.Kind != before.Kind)
        {
            root.Children[new YamlScalarNode("kind")] = ScalarFactory.String(before.Kind);
        }

        if (root.Get("metadata") is not YamlMappingNode metadata)
        {
            metadata = new YamlMappingNode();
            root.Children[new YamlScalarNode("metadata")] = metadata;
        }

        if (current.Name != before.Name)
        {
            metadata.Children[new YamlScalarNode("name")] = ScalarFactory.String(before.Name);
        }

        if ((current.Namespace ?? string.Empty) != before.Namespace)
        {
            if (before.Namespace.Length == 0)
            {
                metadata.Children.Remove(new YamlScalarNode("namespace"));
            }
            else
            {
                metadata.Children[new YamlScalarNode("namespace")] = ScalarFactory.String(before.Namespace);
            }
        }
    }

    private static void SetOrRemove(YamlMappingNode map, string key, YamlNode? value)
    {
        if (value is null)
        {
            map.Children.Remove(new YamlScalarNode(key));
        }
        else
        {
            map.Children[new YamlScalarNode(key)] = YamlNodes.DeepClone(value);
        }
    }
}
