namespace TalosCiliumRender.Core.Presets;

/// <summary>
/// The Gateway API CRDs a Cilium minor needs before its operator starts (Cilium's chart does not ship them), with the
/// URLs its documentation installs them from. Only minors whose version was checked against a source are listed:
/// for any other minor the version is unknown, and the render says so (lint TCR6012) instead of guessing.
/// </summary>
/// <param name="CiliumMinor">Cilium minor version (1.x).</param>
/// <param name="Version">The Gateway API release, e.g. <c>v1.3.0</c>.</param>
/// <param name="Source">Where the version comes from (documentation page, issue), for the README and the help pages.</param>
internal sealed record GatewayApiCrds(int CiliumMinor, string Version, string Source)
{
    /// <summary>The standard-channel CRDs the operator requires (its <c>requiredGVKs</c>).</summary>
    private static readonly string[] Standard = ["gatewayclasses", "gateways", "httproutes", "referencegrants", "grpcroutes"];

    /// <summary>
    /// Checked minors. 1.17 is left out on purpose: its documentation page could not be read back here, and a guessed
    /// version would install CRDs the operator may reject (see the README, "Gateway API CRDs").
    /// </summary>
    public static IReadOnlyList<GatewayApiCrds> Table { get; } =
    [
        // docs.cilium.io/en/v1.18/network/servicemesh/gateway-api/gateway-api/ ("Prerequisites"), as corrected by
        // cilium/cilium#44816 (the v1.18 page named v1.2.0, 1.18 needs v1.3.0; fixed in cilium/cilium#44972).
        new(18, "v1.3.0", "https://docs.cilium.io/en/v1.18/network/servicemesh/gateway-api/gateway-api/#prerequisites; cilium/cilium#44816 (fixed by #44972)"),

        // docs.cilium.io/en/v1.19/network/servicemesh/gateway-api/gateway-api/ ("Prerequisites": "The below CRDs from
        // Gateway API v1.4.1 must be pre-installed"); its operator needs TLSRoute v1alpha2 (cilium/cilium#44920).
        new(19, "v1.4.1", "https://docs.cilium.io/en/v1.19/network/servicemesh/gateway-api/gateway-api/#prerequisites; cilium/cilium#44920"),
    ];

    /// <summary>
    /// Every CRD URL, standard channel first, then the experimental <c>TLSRoute</c>: Cilium's docs call it optional,
    /// but the operator failed without it in 1.17 (cilium/cilium#38420) and crashes without its v1alpha2 in 1.19
    /// (cilium/cilium#44920), so it is installed for every minor.
    /// </summary>
    public IReadOnlyList<(string Name, string Url)> Manifests =>
    [
        .. Standard.Select(r => ($"gateway-api-{r}", Url("standard", r))),
        ("gateway-api-tlsroutes", Url("experimental", "tlsroutes")),
    ];

    /// <summary>The entry for a Cilium version, or null when its minor's Gateway API version is not known.</summary>
    public static GatewayApiCrds? For(Version ciliumVersion) =>
        ciliumVersion.Major == 1 ? Table.FirstOrDefault(t => t.CiliumMinor == ciliumVersion.Minor) : null;

    private string Url(string channel, string resource) =>
        $"https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/{Version}/config/crd/{channel}/gateway.networking.k8s.io_{resource}.yaml";
}
