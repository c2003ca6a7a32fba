using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Reads a kustomization file strictly: every field this tool implements is checked for shape, and every other
/// field is a coded error naming it, never silently ignored.
/// </summary>
internal static class KustomizationLoader
{
    private const string ApiVersion = "kustomize.config.k8s.io/v1beta1";

    private const string ComponentApiVersion = "kustomize.config.k8s.io/v1alpha1";

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["namePrefix"] = "name prefixes are not implemented",
        ["nameSuffix"] = "name suffixes are not implemented",
        ["bases"] = "'bases' is deprecated in kustomize; list the folders under 'resources'",
        ["configMapGenerator"] = "generators are not implemented; write the ConfigMap as a resource",
        ["secretGenerator"] = "generators are not implemented; write the Secret as a resource",
        ["generatorOptions"] = "generators are not implemented",
        ["generators"] = "generator plugins are not implemented",
        ["transformers"] = "transformer plugins are not implemented",
        ["validators"] = "validator plugins are not implemented",
        ["helmCharts"] = "helm charts are rendered by talos-cilium itself, not by the kustomization",
        ["helmGlobals"] = "helm charts are rendered by talos-cilium itself, not by the kustomization",
        ["helmChartInflationGenerator"] = "helm charts are rendered by talos-cilium itself, not by the kustomization",
        ["vars"] = "vars are not implemented",
        ["replacements"] = "replacements are not implemented",
        ["configurations"] = "custom transformer configurations are not implemented",
        ["crds"] = "CRD schemas for name references are not implemented",
        ["openapi"] = "custom OpenAPI schemas are not implemented",
        ["sortOptions"] = "only kustomize's default legacy ordering is implemented",
        ["buildMetadata"] = "build metadata annotations are not implemented",
        ["imageTags"] = "'imageTags' is the pre-v2 spelling of 'images'; use 'images'",
    };

    /// <summary>Finds and reads the kustomization for a folder or file path.</summary>
    /// <param name="path">A folder, or the kustomization file itself (full path).</param>
    /// <param name="displayPath">The same path as the user gave it, for messages.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async Task<Kustomization> LoadAsync(string path, string displayPath, CancellationToken cancellationToken)
    {
        var (file, displayFile) = Locate(path, displayPath);
        var text = await InputFile.ReadTextAsync(file, displayFile, SourceLocation.InFile(displayFile), cancellationToken).ConfigureAwait(false);

        var directory = KustomizationPaths.RealPath(Path.GetDirectoryName(file)!);
        var displayDirectory = Path.GetDirectoryName(displayFile) ?? string.Empty;
        var root = YamlReader.ReadSingleMapping(text, displayFile, "Kustomization");
        return Parse(root, displayFile, directory, displayDirectory, text);
    }

    private static (string File, string DisplayFile) Locate(string path, string displayPath)
    {
        if (File.Exists(path))
        {
            return (path, displayPath);
        }

        if (!Directory.Exists(path))
        {
            throw DiagnosticCatalog.KustomizationNotFound.Exception(SourceLocation.InFile(displayPath), displayPath, "no such file or folder");
        }

        var existing = KustomizationPaths.FileNames.Where(n => File.Exists(Path.Combine(path, n))).ToArray();
        return existing switch
        {
            [] when Unlistable(path) is { } reason => throw DiagnosticCatalog.FileUnreadable.Exception(SourceLocation.InFile(displayPath), displayPath, reason),
            [] => throw DiagnosticCatalog.KustomizationNotFound.Exception(SourceLocation.InFile(displayPath), displayPath, "the folder has no kustomization.yaml, kustomization.yml or Kustomization"),
            [var one] => (Path.Combine(path, one), Path.Join(displayPath, one)),
            _ => throw DiagnosticCatalog.MultipleKustomizationFiles.Exception(SourceLocation.InFile(displayPath), displayPath, string.Join(", ", existing)),
        };
    }

    /// <summary>
    /// Why a folder cannot be looked into, or null. File.Exists answers false for a file in a folder we may not
    /// search, so without this an unreadable folder would be reported as one without a kustomization.
    /// </summary>
    private static string? Unlistable(string folder)
    {
        try
        {
            // Listing needs read permission; reaching a listed file also needs search (execute) permission.
            var listed = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)
                .FirstOrDefault(name => KustomizationPaths.FileNames.Contains(name, StringComparer.Ordinal));
            return listed is null ? null : $"it lists '{listed}' but the file cannot be reached; give the user running talos-cilium search (x) permission on the folder";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the folder cannot be listed ({e.Message}); give the user running talos-cilium read and search permission on it";
        }
    }

    private static Kustomization Parse(YamlMappingNode root, string file, string directory, string displayDirectory, string text)
    {
        var reader = new FieldReader(file);
        IReadOnlyList<KustomizationEntry> resources = [], components = [];
        string? apiVersion = null, kind = null;
        YamlNode? apiVersionNode = null;
        IReadOnlyList<PatchEntry> psm = [], patches = [], json6902 = [];
        IReadOnlyList<LabelEntry> labels = [];
        IReadOnlyList<KeyValuePair<string, string>> commonLabels = [], commonAnnotations = [];
        IReadOnlyList<ReplicaEntry> replicas = [];
        IReadOnlyList<ImageEntry> images = [];
        string? ns = null;
        YamlNode? kindNode = null;

        // kustomize's CheckEmpty: the file decoded into its Go struct, apiVersion and kind aside, equals the zero
        // value, so a field that is absent, null or an empty string counts as unset, while `resources: []` or
        // `metadata: {}` count as set (api/types/kustomization.go, CheckEmpty, v5.5.0).
        var empty = true;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var location = reader.At(keyNode);
            empty &= key is "apiVersion" or "kind" || FieldReader.IsUnset(value);
            switch (key)
            {
                case "apiVersion":
                    apiVersion = reader.String(value, key);
                    apiVersionNode = value;
                    break;
                case "kind":
                    kind = reader.String(value, key);
                    kindNode = value;
                    break;
                case "metadata":
                    // kustomize accepts and ignores a kustomization's own metadata; so do we.
                    break;
                case "resources":
                    resources = reader.List(value, key).Select((item, i) => new KustomizationEntry(reader.RequiredString(item, $"resources[{i}]"), reader.At(item))).ToList();
                    break;
                case "components":
                    components = reader.List(value, key).Select((item, i) => new KustomizationEntry(reader.RequiredString(item, $"components[{i}]"), reader.At(item))).ToList();
                    break;
                case "patchesStrategicMerge":
                    psm = reader.List(value, key).Select((item, i) => ReadStrategicMergeEntry(reader, item, i)).ToList();
                    break;
                case "patches":
                    patches = reader.List(value, key).Select((item, i) => ReadPatchEntry(reader, item, PatchList.Patches, i)).ToList();
                    break;
                case "patchesJson6902":
                    json6902 = reader.List(value, key).Select((item, i) => ReadPatchEntry(reader, item, PatchList.PatchesJson6902, i)).ToList();
                    break;
                case "namespace":
                    ns = reader.String(value, key);
                    break;
                case "commonLabels":
                    commonLabels = reader.StringMap(value, key);
                    break;
                case "commonAnnotations":
                    commonAnnotations = reader.StringMap(value, key);
                    break;
                case "labels":
                    labels = reader.List(value, key).Select((item, i) => ReadLabelEntry(reader, item, i)).ToList();
                    break;
                case "images":
                    images = reader.List(value, key).Select((item, i) => ReadImageEntry(reader, item, i)).ToList();
                    break;
                case "replicas":
                    replicas = reader.List(value, key).Select((item, i) => ReadReplicaEntry(reader, item, i)).ToList();
                    break;
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(
                        location,
                        key,
                        file,
                        Unsupported.TryGetValue(key, out var why) ? why : "it is not a kustomization field this tool knows");
            }
        }

        if (empty)
        {
            throw DiagnosticCatalog.KustomizationEmpty.Exception(SourceLocation.InFile(file), file);
        }

        if (kind is not null and not ("Kustomization" or "Component"))
        {
            throw DiagnosticCatalog.KustomizationFieldInvalid.Exception(reader.At(kindNode!), "kind", file, $"'{kind}' is not a kustomization kind; use 'Kustomization' (or 'Component' for a component)");
        }

        // kustomize: "apiVersion for Component should be kustomize.config.k8s.io/v1alpha1", and v1beta1 for a Kustomization.
        var isComponent = kind == "Component";
        var wanted = isComponent ? ComponentApiVersion : ApiVersion;
        if (apiVersion is not null && apiVersion != wanted)
        {
            throw DiagnosticCatalog.KustomizationFieldInvalid.Exception(reader.At(apiVersionNode!), "apiVersion", file, $"'{apiVersion}' is not the apiVersion of a {kind ?? "Kustomization"}; use '{wanted}'");
        }

        return new Kustomization(file, directory, displayDirectory, text, isComponent, resources, components, psm, patches, string.IsNullOrEmpty(ns) ? null : ns, labels, commonLabels, commonAnnotations, json6902, replicas, images);
    }

    private static PatchEntry ReadStrategicMergeEntry(FieldReader reader, YamlNode item, int index)
    {
        var text = reader.RequiredString(item, $"patchesStrategicMerge[{index}]");
        var multiLine = text.Contains('\n', StringComparison.Ordinal);
        return new PatchEntry(PatchList.PatchesStrategicMerge, index, multiLine ? null : text, (YamlScalarNode)item, null, reader.At(item));
    }

    private static PatchEntry ReadPatchEntry(FieldReader reader, YamlNode item, PatchList field, int index)
    {
        var name = field == PatchList.Patches ? $"patches[{index}]" : $"patchesJson6902[{index}]";
        var map = reader.Mapping(item, name);
        string? path = null;
        YamlScalarNode? inline = null;
        PatchTarget? target = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "path":
                    path = reader.String(value, $"{name}.path");
                    break;
                case "patch" when field == PatchList.Patches:
                case "patch" when field == PatchList.PatchesJson6902:
                    inline = value as YamlScalarNode ?? throw reader.Invalid(value, $"{name}.{key}", "must be a string holding the patch");
                    if (string.IsNullOrEmpty(inline.Value) || NodeText.IsNull(inline) && inline.Style is YamlDotNet.Core.ScalarStyle.Plain)
                    {
                        inline = null;
                    }

                    break;
                case "target":
                    target = ReadTarget(reader, value, name);
                    break;
                case "options" when field == PatchList.Patches:
                    foreach (var (optionKey, optionValue) in reader.Mapping(value, $"{name}.options").Children)
                    {
                        var option = (optionKey as YamlScalarNode)?.Value ?? string.Empty;
                        if (option is not ("allowNameChange" or "allowKindChange"))
                        {
                            throw reader.Invalid(optionKey, $"{name}.options", $"'{option}' is not a patch option (kustomize knows allowNameChange and allowKindChange)");
                        }

                        if (reader.Bool(optionValue, $"{name}.options.{option}"))
                        {
                            throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(optionKey), $"{name}.options.{option}", reader.File, "renaming or re-kinding resources through patches is not implemented");
                        }
                    }

                    break;
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.{key}", reader.File, "it is not a field of a patch entry");
            }
        }

        // kustomize checks the legacy target before the body.
        if (field == PatchList.PatchesJson6902)
        {
            if (target is null)
            {
                throw DiagnosticCatalog.JsonPatchTargetRequired.Exception(reader.At(item), name);
            }

            if (target.Name is null)
            {
                throw DiagnosticCatalog.PatchTargetNameRequired.Exception(reader.At(item), name);
            }
        }

        if (path is not null && inline is not null)
        {
            throw DiagnosticCatalog.PatchSourceInvalid.Exception(reader.At(item), name, "sets both 'path' and 'patch'");
        }

        if (path is null && inline is null)
        {
            throw DiagnosticCatalog.PatchSourceInvalid.Exception(reader.At(item), name, "sets neither 'path' nor 'patch'");
        }

        return new PatchEntry(field, index, path, inline, target, reader.At(item));
    }

    private static PatchTarget ReadTarget(FieldReader reader, YamlNode value, string name)
    {
        var map = reader.Mapping(value, $"{name}.target");
        string? group = null, version = null, kind = null, targetName = null, ns = null, labelSelector = null, annotationSelector = null;
        foreach (var (keyNode, field) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var text = reader.String(field, $"{name}.target.{key}");
            switch (key)
            {
                case "group": group = text; break;
                case "version": version = text; break;
                case "kind": kind = text; break;
                case "name": targetName = text; break;
                case "namespace": ns = text; break;
                case "labelSelector": labelSelector = text; break;
                case "annotationSelector": annotationSelector = text; break;
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.target.{key}", reader.File, "a target has group, version, kind, name, namespace, labelSelector and annotationSelector");
            }
        }

        return PatchTarget.Create(group, version, kind, targetName, ns, labelSelector, annotationSelector, reader.At(value), name);
    }

    private static LabelEntry ReadLabelEntry(FieldReader reader, YamlNode item, int index)
    {
        var name = $"labels[{index}]";
        var map = reader.Mapping(item, name);
        IReadOnlyList<KeyValuePair<string, string>> pairs = [];
        bool selectors = false, templates = false;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "pairs": pairs = reader.StringMap(value, $"{name}.pairs"); break;
                case "includeSelectors": selectors = reader.Bool(value, $"{name}.includeSelectors"); break;
                case "includeTemplates": templates = reader.Bool(value, $"{name}.includeTemplates"); break;
                case "fields":
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.fields", reader.File, "custom label field specs are not implemented");
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.{key}", reader.File, "a labels entry has pairs, includeSelectors and includeTemplates");
            }
        }

        return new LabelEntry(pairs, selectors, templates, reader.At(item));
    }

    private static ImageEntry ReadImageEntry(FieldReader reader, YamlNode item, int index)
    {
        var name = $"images[{index}]";
        var map = reader.Mapping(item, name);
        string? imageName = null, newName = null, newTag = null, digest = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "name": imageName = reader.String(value, $"{name}.name"); break;
                case "newName": newName = reader.String(value, $"{name}.newName"); break;
                case "newTag": newTag = reader.String(value, $"{name}.newTag"); break;
                case "digest": digest = reader.String(value, $"{name}.digest"); break;
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.{key}", reader.File, "an images entry has name, newName, newTag and digest");
            }
        }

        if (string.IsNullOrEmpty(imageName))
        {
            throw reader.Invalid(item, name, "'name' is required");
        }

        return new ImageEntry(imageName, Blank(newName), Blank(newTag), Blank(digest), reader.At(item));
    }

    private static ReplicaEntry ReadReplicaEntry(FieldReader reader, YamlNode item, int index)
    {
        var name = $"replicas[{index}]";
        var map = reader.Mapping(item, name);
        string? replicaName = null;
        long? count = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "name": replicaName = reader.String(value, $"{name}.name"); break;
                case "count": count = reader.Int(value, $"{name}.count"); break;
                default:
                    throw DiagnosticCatalog.KustomizationFieldUnsupported.Exception(reader.At(keyNode), $"{name}.{key}", reader.File, "a replicas entry has name and count");
            }
        }

        if (string.IsNullOrEmpty(replicaName))
        {
            throw reader.Invalid(item, name, "'name' is required");
        }

        return new ReplicaEntry(replicaName, count ?? 0, reader.At(item));
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
