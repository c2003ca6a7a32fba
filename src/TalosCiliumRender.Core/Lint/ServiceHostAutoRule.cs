using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6005: <c>k8sServiceHost: auto</c> was rendered offline, so the literal host 'auto' reached the manifests.</summary>
internal sealed class ServiceHostAutoRule : ILintRule
{
    private const string Auto = "auto";

    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintServiceHostAuto;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (context.CiliumConfig?.GetString("k8s-service-host") == Auto)
        {
            yield return new LintFinding(context.CiliumConfigIndex, $"{LintContext.Describe(context.Resource(context.CiliumConfigIndex)!)} has k8s-service-host: auto");
        }

        foreach (var (index, resource, podSpec) in context.Workloads())
        {
            var containers = LintContext.Containers(podSpec)
                .Where(c => context.Env(resource, c, "KUBERNETES_SERVICE_HOST").Value == Auto)
                .Select(c => c.GetString("name") ?? "(unnamed)")
                .ToArray();
            if (containers.Length > 0)
            {
                yield return new LintFinding(index, $"{LintContext.Describe(resource)} (KUBERNETES_SERVICE_HOST=auto in container {string.Join(", ", containers)})");
            }
        }
    }
}
