using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>Turns YAML documents into build objects, with kustomize's checks and its expansion of <c>*List</c> kinds.</summary>
internal static class ResourceReader
{
    public static IReadOnlyList<KubeResource> FromDocuments(IReadOnlyList<ManifestDocument> documents, string origin)
    {
        var result = new List<KubeResource>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            Add(documents[i].Root, documents[i].HeaderComments, i + 1, documents[i].Origin ?? origin);
        }

        return result;

        void Add(YamlNode root, IReadOnlyList<string> comments, int number, string file)
        {
            if (root is not YamlMappingNode map)
            {
                throw DiagnosticCatalog.ResourceNotObject.Exception(YamlReader.Locate(file, root.Start), number, file, YamlReader.Describe(root));
            }

            var identity = ObjectIdentity.From(map);
            var kind = identity.Kind;
            if (string.IsNullOrEmpty(kind))
            {
                throw DiagnosticCatalog.ResourceMissingKind.Exception(YamlReader.Locate(file, map.Start), number, file);
            }

            // kustomize inlines FooList objects that carry items, and drops them when items is null.
            if (kind.EndsWith("List", StringComparison.Ordinal) && map.Children.TryGetValue(new YamlScalarNode("items"), out var items))
            {
                switch (items)
                {
                    case YamlSequenceNode list:
                        foreach (var item in list.Children)
                        {
                            Add(item, [], number, file);
                        }

                        return;
                    case YamlScalarNode scalar when NodeText.IsNull(scalar):
                        return;
                    default:
                        throw DiagnosticCatalog.ResourceNotObject.Exception(YamlReader.Locate(file, items.Start), number, file, $"{kind} whose items are a {YamlReader.Describe(items)}");
                }
            }

            if (string.IsNullOrEmpty(identity.Name))
            {
                throw DiagnosticCatalog.ResourceMissingName.Exception(YamlReader.Locate(file, map.Start), kind, number, file);
            }

            KustomizeEngine.EnsureAnnotations(map);
            result.Add(new KubeResource(map, comments, file));
        }
    }
}
