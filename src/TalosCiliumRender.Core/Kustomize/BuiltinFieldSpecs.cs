namespace TalosCiliumRender.Core.Kustomize;

/// <summary>The field specs kustomize 5.5 ships for its builtin transformers (api/konfig/builtinpluginconsts).</summary>
internal static class BuiltinFieldSpecs
{
    private const string Apps = "apps";
    private const string Batch = "batch";
    private const string PodAffinity = "spec/template/spec/affinity/podAffinity/";
    private const string PodAntiAffinity = "spec/template/spec/affinity/podAntiAffinity/";
    private const string PreferredTerm = "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels";
    private const string RequiredTerm = "requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels";

    public static FieldSpec MetadataLabels { get; } = new("metadata/labels", Create: true);

    /// <summary>commonLabels (and labels with includeSelectors): metadata, selectors and pod templates.</summary>
    public static IReadOnlyList<FieldSpec> CommonLabels { get; } =
    [
        MetadataLabels,
        new("spec/selector", true, "Service", Version: "v1"),
        new("spec/selector", true, "ReplicationController", Version: "v1"),
        new("spec/template/metadata/labels", true, "ReplicationController", Version: "v1"),
        new("spec/selector/matchLabels", true, "Deployment"),
        new("spec/template/metadata/labels", true, "Deployment"),
        new(PodAffinity + PreferredTerm, false, "Deployment", Apps),
        new(PodAffinity + RequiredTerm, false, "Deployment", Apps),
        new(PodAntiAffinity + PreferredTerm, false, "Deployment", Apps),
        new(PodAntiAffinity + RequiredTerm, false, "Deployment", Apps),
        new("spec/selector/matchLabels", false, "ReplicaSet", "extensions", "v1beta1"),
        new("spec/selector/matchLabels", true, "ReplicaSet"),
        new("spec/template/metadata/labels", true, "ReplicaSet"),
        new("spec/selector/matchLabels", false, "DaemonSet", "extensions", "v1beta1"),
        new("spec/selector/matchLabels", true, "DaemonSet"),
        new("spec/template/metadata/labels", true, "DaemonSet"),
        new("spec/selector/matchLabels", false, "StatefulSet", Apps, "v1beta1"),
        new("spec/selector/matchLabels", true, "StatefulSet", Apps),
        new("spec/template/metadata/labels", true, "StatefulSet", Apps),
        new(PodAffinity + PreferredTerm, false, "StatefulSet", Apps),
        new(PodAffinity + RequiredTerm, false, "StatefulSet", Apps),
        new(PodAntiAffinity + PreferredTerm, false, "StatefulSet", Apps),
        new(PodAntiAffinity + RequiredTerm, false, "StatefulSet", Apps),
        new("spec/volumeClaimTemplates[]/metadata/labels", true, "StatefulSet", Apps),
        new("spec/selector/matchLabels", false, "Job", Batch),
        new("spec/template/metadata/labels", true, "Job", Batch),
        new("spec/jobTemplate/spec/selector/matchLabels", false, "CronJob", Batch),
        new("spec/jobTemplate/metadata/labels", true, "CronJob", Batch),
        new("spec/jobTemplate/spec/template/metadata/labels", true, "CronJob", Batch),
        new("spec/selector/matchLabels", false, "PodDisruptionBudget", "policy"),
        new("spec/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
        new("spec/ingress/from/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
        new("spec/egress/to/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
    ];

    /// <summary>labels with includeTemplates (and not includeSelectors): metadata and pod templates only.</summary>
    public static IReadOnlyList<FieldSpec> TemplateLabels { get; } =
    [
        MetadataLabels,
        new("spec/template/metadata/labels", true, "ReplicationController", Version: "v1"),
        new("spec/template/metadata/labels", true, "Deployment"),
        new("spec/template/metadata/labels", true, "ReplicaSet"),
        new("spec/template/metadata/labels", true, "DaemonSet"),
        new("spec/template/metadata/labels", true, "StatefulSet", Apps),
        new("spec/volumeClaimTemplates[]/metadata/labels", true, "StatefulSet", Apps),
        new("spec/template/metadata/labels", true, "Job", Batch),
        new("spec/jobTemplate/metadata/labels", true, "CronJob", Batch),
        new("spec/jobTemplate/spec/template/metadata/labels", true, "CronJob", Batch),
    ];

    public static IReadOnlyList<FieldSpec> MetadataLabelsOnly { get; } = [MetadataLabels];

    /// <summary>commonAnnotations: metadata and pod templates.</summary>
    public static IReadOnlyList<FieldSpec> CommonAnnotations { get; } =
    [
        new("metadata/annotations", true),
        new("spec/template/metadata/annotations", true, "ReplicationController", Version: "v1"),
        new("spec/template/metadata/annotations", true, "Deployment"),
        new("spec/template/metadata/annotations", true, "ReplicaSet"),
        new("spec/template/metadata/annotations", true, "DaemonSet"),
        new("spec/template/metadata/annotations", true, "StatefulSet", Apps),
        new("spec/template/metadata/annotations", true, "Job", Batch),
        new("spec/jobTemplate/metadata/annotations", true, "CronJob", Batch),
        new("spec/jobTemplate/spec/template/metadata/annotations", true, "CronJob", Batch),
    ];

    /// <summary>The images transformer's field specs; they reach container lists that are maps, which the walk skips.</summary>
    public static IReadOnlyList<FieldSpec> Images { get; } =
    [
        new("spec/containers[]/image", true),
        new("spec/initContainers[]/image", true),
        new("spec/template/spec/containers[]/image", true),
        new("spec/template/spec/initContainers[]/image", true),
    ];

    /// <summary>The kinds the replicas transformer scales; it writes spec/replicas.</summary>
    public static IReadOnlyList<string> ReplicaKinds { get; } = ["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"];
}
