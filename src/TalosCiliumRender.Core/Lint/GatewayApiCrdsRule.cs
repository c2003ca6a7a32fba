using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6012: Gateway API support is on, but nothing installs the Gateway API CRDs, which Cilium's chart does not ship
/// and its operator needs before it starts: neither the render (a CustomResourceDefinition of
/// gateway.networking.k8s.io) nor the Talos patch (external manifests) carries them.
/// </summary>
internal sealed class GatewayApiCrdsRule : ILintRule
{
    private const string Group = "gateway.networking.k8s.io";

    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintGatewayApiCrdsMissing;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (context.GatewayApi is not { } crds || context.CiliumConfig?.GetString("enable-gateway-api")?.Trim().ToLowerInvariant() != "true")
        {
            yield break;
        }

        var inRender = context.OfKind("CustomResourceDefinition").Any(c => c.Resource.GetPath("spec", "group") is YamlDotNet.RepresentationModel.YamlScalarNode { Value: Group });
        if (crds.InTalosPatch || inRender)
        {
            yield break;
        }

        var resource = LintContext.Describe(context.Resource(context.CiliumConfigIndex)!);
        yield return new LintFinding(context.CiliumConfigIndex, crds.Version is { } version
            ? $"{resource} has enable-gateway-api: \"true\"; Cilium {crds.CiliumMinor} needs the CRDs of Gateway API {version} (standard channel, and the experimental TLSRoute): https://github.com/kubernetes-sigs/gateway-api/tree/{version}/config/crd"
            : $"{resource} has enable-gateway-api: \"true\"; the Gateway API version is unknown for Cilium {crds.CiliumMinor} (talos-cilium lists only versions checked against Cilium's documentation): take it from Cilium's \"Gateway API Support\" page for {crds.CiliumMinor}");
    }
}
