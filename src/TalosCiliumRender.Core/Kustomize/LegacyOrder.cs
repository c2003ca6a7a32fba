namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// kustomize's default ("legacy") output order: a fixed list of kinds first, webhook configurations last, every
/// other kind in between; ties broken by group/version/kind text, then namespace and name (ordinal, with a
/// missing namespace sorting after every real one, as kustomize's <c>~X</c> placeholder does).
/// </summary>
internal sealed class LegacyOrder : IComparer<ResourceId>
{
    private static readonly string[] First =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    private static readonly Dictionary<string, int> Ranks = BuildRanks();

    public static LegacyOrder Instance { get; } = new();

    public static IReadOnlyList<KubeResource> Sort(IEnumerable<KubeResource> resources) =>
        resources.Select(r => (Resource: r, Id: r.CurrentId)).OrderBy(p => p.Id, Instance).Select(p => p.Resource).ToList();

    public int Compare(ResourceId x, ResourceId y)
    {
        var sameGvk = x.Group == y.Group && x.Version == y.Version && x.Kind == y.Kind;
        if (!sameGvk)
        {
            var rankX = Ranks.GetValueOrDefault(x.Kind);
            var rankY = Ranks.GetValueOrDefault(y.Kind);
            if (rankX != rankY)
            {
                return rankX.CompareTo(rankY);
            }

            var byGvk = string.CompareOrdinal(GvkText(x), GvkText(y));

            // kustomize reverses the comparison between two Namespace kinds when one has no group.
            return x.Kind == "Namespace" && y.Kind == "Namespace" && (x.Group.Length == 0 || y.Group.Length == 0) ? -byGvk : byGvk;
        }

        return string.CompareOrdinal(IdText(x), IdText(y));
    }

    private static string GvkText(ResourceId id) =>
        $"{(id.Group.Length == 0 ? "~G" : id.Group)}_{(id.Version.Length == 0 ? "~V" : id.Version)}_{(id.Kind.Length == 0 ? "~K" : id.Kind)}";

    private static string IdText(ResourceId id) =>
        $"{GvkText(id)}|{(id.Namespace.Length == 0 ? "~X" : id.Namespace)}|{(id.Name.Length == 0 ? "~N" : id.Name)}";

    private static Dictionary<string, int> BuildRanks()
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < First.Length; i++)
        {
            ranks[First[i]] = i - First.Length;
        }

        for (var i = 0; i < Last.Length; i++)
        {
            ranks[Last[i]] = i + 1;
        }

        return ranks;
    }
}
