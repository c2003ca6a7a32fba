using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;

namespace TalosCiliumRender.Core.Presets;

/// <summary>The feature toggles users can combine with any preset.</summary>
internal static class FeatureCatalog
{
    /// <summary>
    /// The chart renders its GatewayClass only when the cluster serves this API (or gatewayClass.create is
    /// forced); `helm template` has no cluster, so the feature declares it.
    /// </summary>
    public const string GatewayClassApi = "gateway.networking.k8s.io/v1/GatewayClass";

    /// <summary>The answer to lint rules TCR6007 and TCR6008: keys are made where they are used, never in a file.</summary>
    public const string HubbleTlsCronJob = "hubble-tls-cronjob";

    public static IReadOnlyList<Feature> All { get; } =
    [
        new("hubble", "Hubble observability in the agent.",
            new ValueTree().Set("hubble.enabled", true).Root, []),
        new("hubble-relay", "Hubble Relay (cluster-wide flow API); implies hubble.",
            new ValueTree().Set("hubble.enabled", true).Set("hubble.relay.enabled", true).Root, []),
        new("hubble-ui", "Hubble UI; implies hubble and hubble-relay, which the UI reads from.",
            new ValueTree().Set("hubble.enabled", true).Set("hubble.relay.enabled", true).Set("hubble.ui.enabled", true).Root, []),
        new("bgp", "BGP control plane.",
            new ValueTree().Set("bgpControlPlane.enabled", true).Root, []),
        new("gateway-api", "Gateway API support with Cilium's GatewayClass (needs kube-proxy replacement and the Gateway API CRDs in the cluster).",
            new ValueTree().Set("gatewayAPI.enabled", true).Root, [GatewayClassApi]),
        new(HubbleTlsCronJob, "Hubble TLS certificates made in the cluster by a CronJob instead of by helm, so no private key is rendered or committed.",
            new ValueTree().Set("hubble.tls.auto.method", "cronJob").Root, []),
    ];

    /// <summary>
    /// The upgrade guide's pre-flight check (<see cref="RenderRequest.Preflight"/>): the values its first step gives
    /// <c>helm template</c> (https://docs.cilium.io/en/stable/operations/upgrade/#running-pre-flight-check-required;
    /// cilium/cilium Documentation/operations/upgrade.rst, section "Running pre-flight check", the same in the 1.17,
    /// 1.18 and 1.19 guides). The guide's kube-proxy-free variant adds <c>k8sServiceHost</c>/<c>k8sServicePort</c>:
    /// the preset sets those already (KubePrism), so they are not repeated here. Not in <see cref="All"/>: it is no
    /// <c>--feature</c>, because it is layered over the user's values instead of under them.
    /// </summary>
    public static Feature PreFlight { get; } = new("pre-flight", "Cilium's upgrade pre-flight check (image pre-pull and policy validation) instead of the agent and operator.",
        new ValueTree().Set("preflight.enabled", true).Set("agent", false).Set("operator.enabled", false).Root, []);

    public static Feature Get(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw DiagnosticCatalog.UnknownFeature.Exception(name, string.Join(", ", All.Select(f => f.Name)));
}
