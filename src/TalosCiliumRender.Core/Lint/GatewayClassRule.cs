using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6009: Gateway API support is on, but the render holds no GatewayClass for Gateways to use.</summary>
internal sealed class GatewayClassRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintGatewayClassMissing;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (context.CiliumConfig?.GetString("enable-gateway-api")?.Trim().ToLowerInvariant() != "true" || context.OfKind("GatewayClass").Any())
        {
            yield break;
        }

        // gatewayClass.create=false says the class is managed elsewhere: nothing to warn about.
        if (context.Values?.GetPath("gatewayAPI", "gatewayClass", "create") is YamlScalarNode { Value: { } create }
            && create.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        yield return new LintFinding(context.CiliumConfigIndex, $"{LintContext.Describe(context.Resource(context.CiliumConfigIndex)!)} has enable-gateway-api: \"true\"");
    }
}
