namespace TalosCiliumRender.Core.Lint;

/// <summary>What the render knows about the Gateway API CRDs Cilium's operator needs (the chart does not ship them).</summary>
/// <param name="CiliumMinor">The chart's Cilium minor, e.g. <c>1.18</c>.</param>
/// <param name="Version">The Gateway API release that minor needs, or null when it is not known for that minor.</param>
/// <param name="InTalosPatch">The Talos patch lists the CRDs as external manifests, so Talos installs them.</param>
internal sealed record GatewayApiCrdFacts(string CiliumMinor, string? Version, bool InTalosPatch);
