using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>kustomize's replicas transformer: spec.replicas of the named workloads; naming nothing is an error.</summary>
internal static class ReplicaTransformer
{
    public static void Apply(ResourceSet resources, ReplicaEntry entry, string kustomizationFile)
    {
        var found = false;
        foreach (var kind in BuiltinFieldSpecs.ReplicaKinds)
        {
            var spec = new FieldSpec("spec/replicas", Create: true, Kind: kind);
            foreach (var resource in resources.Resources)
            {
                var current = resource.CurrentId;
                var original = resource.OriginalId;
                var byOriginal = original.Name == entry.Name && original.Kind == kind;
                var byCurrent = current.Name == entry.Name && current.Kind == kind;
                if (!byOriginal && !byCurrent)
                {
                    continue;
                }

                found = true;
                var action = $"set replicas of '{entry.Name}'";
                FieldSpecWalker.Apply(resource, current, spec, FieldSpecWalker.Create.Scalar, node => Set(resource, node, entry.Count, action), action);
            }
        }

        if (!found)
        {
            throw DiagnosticCatalog.ReplicasNoMatch.Exception(entry.Location, entry.Name, kustomizationFile);
        }
    }

    private static void Set(KubeResource resource, YamlNode node, long count, string action)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw FieldSpecWalker.Mismatch(resource, action, "spec.replicas", node, "number");
        }

        scalar.Value = count.ToString(CultureInfo.InvariantCulture);
        scalar.Style = ScalarStyle.Plain;
        scalar.Tag = default;
    }
}
