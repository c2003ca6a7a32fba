using System.Runtime.ExceptionServices;
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
        var prepared = await PrepareAsync(mode, kustomizationPath, cancellationToken).ConfigureAwait(false);
        return Build(prepared, baseDocuments, cancellationToken);
    }

    /// <summary>
    /// Reads everything the build of <paramref name="kustomizationPath"/> reads (see <see cref="PreparedKustomization"/>);
    /// faults in the kustomization are kept for <see cref="Build"/>, only cancellation ends the task.
    /// </summary>
    /// <param name="mode">The mode the build will run in.</param>
    /// <param name="kustomizationPath">A folder or kustomization file, as the user gave it.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static async Task<PreparedKustomization> PrepareAsync(KustomizeMode mode, string kustomizationPath, CancellationToken cancellationToken)
    {
        Kustomization kustomization;
        try
        {
            kustomization = await KustomizationLoader.LoadAsync(Path.GetFullPath(kustomizationPath), kustomizationPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return new PreparedKustomization(mode, null, ExceptionDispatchInfo.Capture(e));
        }

        var root = await LoadAsync(mode, kustomization, [kustomization.Directory], cancellationToken).ConfigureAwait(false);
        return new PreparedKustomization(mode, root, null);
    }

    /// <summary>Runs the build of a prepared kustomization (once); the result is in build order, not yet sorted for output.</summary>
    /// <param name="prepared">From <see cref="PrepareAsync"/> with this engine's mode.</param>
    /// <param name="baseDocuments">Objects that come before the kustomization's own resources.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public ResourceSet Build(PreparedKustomization prepared, IReadOnlyList<ManifestDocument> baseDocuments, CancellationToken cancellationToken)
    {
        if (prepared.Mode != mode)
        {
            throw new ArgumentException($"The kustomization was prepared for {prepared.Mode}, not {mode}.", nameof(prepared));
        }

        prepared.Claim();
        var resources = new ResourceSet();
        resources.AddRange(ResourceReader.FromDocuments(baseDocuments, "<base>"));
        prepared.Fault?.Throw();
        Accumulate(prepared.Root!, resources, cancellationToken);
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
    /// Reads what accumulating <paramref name="kustomization"/> reads, in the order it reads it (see
    /// <see cref="Accumulate"/>), stopping at the first fault, which is kept where it occurred.
    /// </summary>
    /// <param name="mode">The mode the build will run in.</param>
    /// <param name="kustomization">The kustomization (or component) to load.</param>
    /// <param name="roots">The folders of the kustomizations being built, outermost first, this one's last.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    private static async Task<LoadedKustomization> LoadAsync(KustomizeMode mode, Kustomization kustomization, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var loaded = new LoadedKustomization(kustomization);
        try
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
                    var tree = await LoadAsync(mode, nested, [.. roots, nested.Directory], cancellationToken).ConfigureAwait(false);
                    loaded.Steps.Add(new LoadStep(null, tree, IsComponent: false));
                    if (tree.Stopped)
                    {
                        return loaded;
                    }

                    continue;
                }

                var (full, display) = KustomizationPaths.Resolve(kustomization, entry.Path, entry.Location);
                var text = await InputFile.ReadTextAsync(full, display, entry.Location, cancellationToken).ConfigureAwait(false);
                loaded.Steps.Add(new LoadStep(ResourceReader.FromDocuments(YamlReader.ReadDocuments(text, display), display), null, IsComponent: false));
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
                var tree = await LoadAsync(mode, component, [.. roots, component.Directory], cancellationToken).ConfigureAwait(false);
                loaded.Steps.Add(new LoadStep(null, tree, IsComponent: true));
                if (tree.Stopped)
                {
                    return loaded;
                }
            }

            // Like kustomize, configure (read) every patch before running any transformer.
            loaded.StrategicMergePatches = await LoadAllAsync(mode, kustomization, kustomization.PatchesStrategicMerge, cancellationToken).ConfigureAwait(false);
            loaded.Patches = await LoadAllAsync(mode, kustomization, kustomization.Patches, cancellationToken).ConfigureAwait(false);
            loaded.Json6902Patches = await LoadAllAsync(mode, kustomization, kustomization.PatchesJson6902, cancellationToken).ConfigureAwait(false);
            loaded.Images = ImageTransformer.Prepare(kustomization.Images, kustomization.FilePath);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            loaded.Fault = ExceptionDispatchInfo.Capture(e);
        }

        return loaded;
    }

    /// <summary>
    /// Accumulates a kustomization as kustomize's KustTarget does: its resources (files, and folders holding a
    /// kustomization, each built on its own with its own transformers, then merged), then its components (each
    /// adds its resources to the same set and runs its transformers over everything gathered so far), then its
    /// own transformers over the lot. Everything it reads was read by <see cref="LoadAsync"/>; a fault met there is
    /// raised here at the step that met it.
    /// </summary>
    /// <param name="loaded">The kustomization (or component) to accumulate, as loaded.</param>
    /// <param name="resources">The set to add to and transform.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    private void Accumulate(LoadedKustomization loaded, ResourceSet resources, CancellationToken cancellationToken)
    {
        foreach (var step in loaded.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (step.Objects is { } objects)
            {
                resources.AddRange(objects);
            }
            else if (step.IsComponent)
            {
                Accumulate(step.Nested!, resources, cancellationToken);
            }
            else
            {
                var nestedResources = new ResourceSet();
                Accumulate(step.Nested!, nestedResources, cancellationToken);
                resources.AddRange(nestedResources.Resources);
            }
        }

        loaded.Fault?.Throw();
        var kustomization = loaded.Kustomization;
        foreach (var patch in loaded.StrategicMergePatches)
        {
            ApplyUntargeted(resources, patch);
        }

        foreach (var patch in loaded.Patches)
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

        foreach (var patch in loaded.Json6902Patches)
        {
            ApplyPatch(resources, patch);
        }

        foreach (var replica in kustomization.Replicas)
        {
            ReplicaTransformer.Apply(resources, replica, kustomization.FilePath);
        }

        ImageTransformer.Apply(resources, loaded.Images!);
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

    private static async Task<IReadOnlyList<LoadedPatch>> LoadAllAsync(KustomizeMode mode, Kustomization kustomization, IReadOnlyList<PatchEntry> entries, CancellationToken cancellationToken)
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
