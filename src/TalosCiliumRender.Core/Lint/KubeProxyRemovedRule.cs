using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6006: the Talos patch and the final cilium-config disagree about kube-proxy. Either the patch removes kube-proxy
/// (decided from the values) while cilium-config does not replace it, for example because a patch turned the
/// replacement off; or the patch keeps kube-proxy while cilium-config replaces it.
/// </summary>
/// <remarks>Reads only <see cref="LintContext.TalosPatchDisablesKubeProxy"/>, so it holds for any output that carries a Talos patch.</remarks>
internal sealed class KubeProxyRemovedRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintKubeProxyRemovedWithoutReplacement;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (context.TalosPatchDisablesKubeProxy is not { } disables || context.CiliumConfig is not { } config)
        {
            yield break;
        }

        var setting = config.GetString("kube-proxy-replacement");
        var replaces = KubeProxyReplacement.IsOn(setting);
        if (replaces == disables)
        {
            yield break;
        }

        var resource = LintContext.Describe(context.Resource(context.CiliumConfigIndex)!);
        var has = setting is null ? $"{resource} has no kube-proxy-replacement" : $"{resource} has kube-proxy-replacement: \"{setting}\"";
        yield return new LintFinding(context.CiliumConfigIndex, disables
            ? $"the patch disables kube-proxy but {has}: nothing would serve Services"
            : $"the patch keeps kube-proxy but {has}: kube-proxy and Cilium would both program Services");
    }
}
