using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// The part of kustomize's name-reference fix-up that matters without renames: references written as
/// <c>{name, namespace}</c> maps follow the object they name into its namespace. That is how a binding's
/// ServiceAccount subject, and a webhook's service, track <c>namespace:</c>. Runs once, after the whole build.
/// </summary>
internal static class NameReferences
{
    private static readonly Reference[] References =
    [
        new("ServiceAccount", "subjects", "RoleBinding", "rbac.authorization.k8s.io"),
        new("ServiceAccount", "subjects", "ClusterRoleBinding", "rbac.authorization.k8s.io"),
        new("Service", "webhooks/clientConfig/service", "ValidatingWebhookConfiguration", "admissionregistration.k8s.io"),
        new("Service", "webhooks/clientConfig/service", "MutatingWebhookConfiguration", "admissionregistration.k8s.io"),
    ];

    public static void Fix(ResourceSet resources)
    {
        foreach (var reference in References)
        {
            // Most builds hold no referrer of a kind; finding that out must not cost an id per object.
            var referrers = resources.Resources.Where(r => NodeText.Get(r.Root, "kind") == reference.ReferrerKind).ToList();
            if (referrers.Count == 0)
            {
                continue;
            }

            var spec = new FieldSpec(reference.Path, Create: false, reference.ReferrerKind, reference.ReferrerGroup);
            var candidates = resources.Resources
                .Where(r => IsTarget(r.OriginalId, reference.TargetKind) || IsTarget(r.CurrentId, reference.TargetKind))
                .ToList();
            var action = $"update the {reference.TargetKind} reference";
            foreach (var referrer in referrers)
            {
                FieldSpecWalker.Apply(referrer, referrer.CurrentId, spec, FieldSpecWalker.Create.Nothing, node => Visit(node, referrer, candidates, action), action);
            }
        }
    }

    private static bool IsTarget(ResourceId id, string kind) => id.Kind == kind && id.Version == "v1";

    private static void Visit(YamlNode node, KubeResource referrer, List<KubeResource> candidates, string action)
    {
        switch (node)
        {
            case YamlMappingNode map:
                Update(map, referrer, candidates, action);
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children.OfType<YamlMappingNode>())
                {
                    Update(item, referrer, candidates, action);
                }

                break;
        }
    }

    private static void Update(YamlMappingNode reference, KubeResource referrer, List<KubeResource> all, string action)
    {
        if (reference.Get("name") is not YamlScalarNode nameNode)
        {
            throw FieldSpecWalker.Mismatch(referrer, action, "name", reference, "reference with a name");
        }

        var name = nameNode.Value ?? string.Empty;
        IEnumerable<KubeResource> candidates = all;
        if (reference.Get("namespace") is YamlScalarNode { Value: { } ns })
        {
            var byOriginal = all.Where(c => c.OriginalId.EffectiveNamespace == ns).ToList();
            candidates = byOriginal.Count > 0 ? byOriginal : all.Where(c => c.CurrentId.EffectiveNamespace == ns);
        }

        var referrerId = referrer.CurrentId;
        var matches = candidates
            .Where(c => c.OriginalId.Name == name || c.CurrentId.Name == name)
            .Where(c => referrerId.IsClusterScoped || c.CurrentId.IsClusterScoped || c.CurrentId.Kind == "ServiceAccount"
                || c.CurrentId.EffectiveNamespace == referrerId.EffectiveNamespace)
            .ToList();
        if (matches.Count == 0)
        {
            return;
        }

        if (matches.Count > 1 && matches.Select(m => (m.CurrentId.Name, m.CurrentId.Namespace)).Distinct().Count() > 1)
        {
            throw DiagnosticCatalog.AmbiguousReference.Exception(
                YamlReader.Locate(referrer.Origin, reference.Start), action, referrerId, name, string.Join(", ", matches.Select(m => m.CurrentId)));
        }

        var target = matches[0].CurrentId;
        if (target.Name == name && target.Namespace.Length == 0)
        {
            return;
        }

        FieldSpecWalker.SetString(nameNode, target.Name);
        if (target.Namespace.Length > 0)
        {
            FieldSpecWalker.SetEntry(referrer, reference, "namespace", target.Namespace, action, "namespace");
        }
    }

    /// <summary>Objects of <paramref name="ReferrerKind"/> name a <paramref name="TargetKind"/> at <paramref name="Path"/>.</summary>
    private sealed record Reference(string TargetKind, string Path, string ReferrerKind, string ReferrerGroup);
}
