using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// Reads patch bodies and decides, as kustomize does, whether each is a strategic merge patch (mappings with kind
/// and metadata.name) or a JSON 6902 patch (a list of operations).
/// </summary>
internal static class PatchLoader
{
    /// <param name="kustomization">The kustomization that lists the patch.</param>
    /// <param name="entry">The patch entry.</param>
    /// <param name="asKustomize">Read JSON 6902 operations as kustomize does (checked only when applied), not strictly.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async Task<LoadedPatch> LoadAsync(Kustomization kustomization, PatchEntry entry, bool asKustomize, CancellationToken cancellationToken)
    {
        string text;
        string origin;
        InlineText? inline = null;
        if (entry.Path is not null && !(entry.Field == PatchList.PatchesStrategicMerge && !LooksLikeFile(kustomization, entry.Path)))
        {
            var (full, display) = KustomizationPaths.Resolve(kustomization, entry.Path, entry.Location);
            if (Directory.Exists(full))
            {
                throw DiagnosticCatalog.PatchSourceInvalid.Exception(entry.Location, entry.Describe(), "names a folder, not a patch file");
            }

            text = await InputFile.ReadTextAsync(full, display, entry.Location, cancellationToken).ConfigureAwait(false);
            origin = display;
        }
        else
        {
            // An inline body; for patchesStrategicMerge also a one-line entry that names no file, as in kustomize.
            inline = new InlineText(kustomization, entry.Inline!);
            text = entry.Inline!.Value ?? string.Empty;
            origin = inline.PseudoOrigin;
        }

        var shell = new LoadedPatch(entry, origin, [], null, inline, text);
        return shell.Translate(() => Parse(entry, text, origin, inline, shell, asKustomize));
    }

    private static bool LooksLikeFile(Kustomization kustomization, string path)
    {
        // patchesStrategicMerge entries are a path when they name a file, otherwise inline YAML (kustomize tries
        // the file first). A path that leaves the folder is still a path, so it is refused rather than parsed.
        var lexical = Path.GetFullPath(Path.Combine(kustomization.Directory, path));
        return File.Exists(lexical) || Directory.Exists(lexical) || !path.Contains(": ", StringComparison.Ordinal);
    }

    private static LoadedPatch Parse(PatchEntry entry, string text, string origin, InlineText? inline, LoadedPatch shell, bool asKustomize)
    {
        var describe = entry.Describe();
        if (text.Trim().Length == 0)
        {
            throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(entry.Location, describe, "the patch is empty");
        }

        var documents = YamlReader.ReadDocuments(text, origin);
        var looksJson = text.TrimStart().StartsWith('[') || documents is [{ Root: YamlSequenceNode }];
        if (looksJson)
        {
            if (entry.Field == PatchList.PatchesStrategicMerge)
            {
                throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(entry.Location, describe, "patchesStrategicMerge takes strategic merge patches, but this is a list; move JSON 6902 operations to 'patches' with a target");
            }

            var operations = JsonPatch.Parse(text, origin, asKustomize)
                .Select(o => o.Value is null ? o : o with { Value = SigsYaml.JsonPatchValue(o.Value) })
                .ToList();
            if (operations.Count == 0 && entry.Field == PatchList.Patches)
            {
                throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(entry.Location, describe, "an empty list reads as both an empty JSON patch and an empty strategic merge patch");
            }

            if (inline is not null)
            {
                operations = operations.Select(o => o with { Location = inline.Map(o.Location) }).ToList();
            }

            return shell with { Json = operations };
        }

        if (entry.Field == PatchList.PatchesJson6902)
        {
            throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(entry.Location, describe, "patchesJson6902 takes a list of JSON 6902 operations, but this is a mapping");
        }

        var patches = new List<YamlMappingNode>(documents.Count);
        foreach (var document in documents)
        {
            if (document.Root is not YamlMappingNode map)
            {
                throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(Where(document.Root), describe, $"a document is a {YamlReader.Describe(document.Root)}");
            }

            var identity = ObjectIdentity.From(map);
            if (string.IsNullOrEmpty(identity.Kind))
            {
                throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(Where(map), describe, "a strategic merge patch needs 'kind'");
            }

            if (string.IsNullOrEmpty(identity.Name))
            {
                throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(Where(map), describe, "a strategic merge patch needs 'metadata.name' (any name when a target selects the objects)");
            }

            patches.Add(map);
        }

        if (patches.Count == 0)
        {
            throw DiagnosticCatalog.PatchBodyUnrecognized.Exception(entry.Location, describe, "the patch holds no document");
        }

        return shell with { StrategicMerge = patches };

        SourceLocation Where(YamlNode node)
        {
            var location = YamlReader.Locate(origin, node.Start);
            return inline?.Map(location) ?? location;
        }
    }
}
