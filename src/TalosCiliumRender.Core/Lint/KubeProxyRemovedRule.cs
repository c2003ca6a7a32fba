using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6006: the Talos patch removes kube-proxy (decided from the values), but the final cilium-config does not
/// replace it, for example because a patch turned the replacement off.
/// </summary>
internal sealed class KubeProxyRemovedRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintKubeProxyRemovedWithoutReplacement;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (!context.TalosPatchDisablesKubeProxy || context.CiliumConfig is not { } config)
        {
            yield break;
        }

        var setting = config.GetString("kube-proxy-replacement");
        if (!KubeProxyReplacement.IsOn(setting))
        {
            var resource = LintContext.Describe(context.Resource(context.CiliumConfigIndex)!);
            yield return new LintFinding(context.CiliumConfigIndex, setting is null
                ? $"{resource} has no kube-proxy-replacement"
                : $"{resource} has kube-proxy-replacement: \"{setting}\"");
        }
    }
}
