using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// kustomize's namespace transformer: metadata.namespace on every namespaced object (custom kinds count as
/// namespaced), the name of a v1 Namespace, binding subjects named <c>default</c>, and the service references of
/// APIServices and CRD conversion webhooks.
/// </summary>
internal static class NamespaceTransformer
{
    private static readonly FieldSpec MetadataNamespace = new("metadata/namespace", Create: true);
    private static readonly FieldSpec NamespaceName = new("metadata/name", Create: true, Kind: "Namespace");
    private static readonly FieldSpec ApiServiceNamespace = new("spec/service/namespace", Create: true, Kind: "APIService", Group: "apiregistration.k8s.io");
    private static readonly FieldSpec ConversionNamespace = new("spec/conversion/webhook/clientConfig/service/namespace", Create: false, Kind: "CustomResourceDefinition", Group: "apiextensions.k8s.io");

    public static void Apply(ResourceSet resources, string ns, string kustomizationFile)
    {
        var before = resources.Resources.Select(r => r.CurrentId).ToList();
        foreach (var resource in resources.Resources)
        {
            if (resource.Root.Children.Count == 0)
            {
                continue;
            }

            var id = resource.CurrentId;
            var action = $"set namespace '{ns}'";
            if (!id.IsClusterScoped)
            {
                FieldSpecWalker.Apply(resource, id, MetadataNamespace, FieldSpecWalker.Create.Scalar, node => Set(resource, node, ns, action, "metadata.namespace"), action);
            }

            if (id.Kind is "RoleBinding" or "ClusterRoleBinding" && resource.Root.Get("subjects") is YamlSequenceNode subjects)
            {
                foreach (var subject in subjects.Children)
                {
                    // kustomize's default subject mode: only subjects named "default", whatever their kind.
                    if (subject is YamlMappingNode map && NodeText.Get(map, "name") == "default")
                    {
                        FieldSpecWalker.SetEntry(resource, map, "namespace", ns, action, "subjects");
                    }
                }
            }

            // Only a core v1 Namespace is renamed; a custom kind called Namespace is just namespaced.
            if (NodeText.Get(resource.Root, "apiVersion") == "v1")
            {
                FieldSpecWalker.Apply(resource, id, NamespaceName, FieldSpecWalker.Create.Scalar, node => Set(resource, node, ns, action, "metadata.name"), action);
            }

            FieldSpecWalker.Apply(resource, id, ApiServiceNamespace, FieldSpecWalker.Create.Scalar, node => Set(resource, node, ns, action, "spec.service.namespace"), action);
            FieldSpecWalker.Apply(resource, id, ConversionNamespace, FieldSpecWalker.Create.Scalar, node => Set(resource, node, ns, action, "spec.conversion.webhook.clientConfig.service.namespace"), action);
        }

        var seen = new Dictionary<(string, string, string, string, string), int>();
        for (var i = 0; i < resources.Count; i++)
        {
            var id = resources.Resources[i].CurrentId;
            if (seen.TryGetValue(id.Key, out var first))
            {
                throw DiagnosticCatalog.NamespaceIdConflict.Exception(SourceLocation.InFile(kustomizationFile), ns, kustomizationFile, before[first], before[i], id);
            }

            seen.Add(id.Key, i);
        }
    }

    private static void Set(KubeResource resource, YamlNode node, string ns, string action, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw FieldSpecWalker.Mismatch(resource, action, path, node, "string");
        }

        FieldSpecWalker.SetString(scalar, ns);
    }
}
