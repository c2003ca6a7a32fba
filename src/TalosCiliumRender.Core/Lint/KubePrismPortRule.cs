using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6004: a container reaches KubePrism's host on another port than the one KubePrism is configured on.</summary>
internal sealed class KubePrismPortRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintKubePrismPort;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        var expected = context.KubePrism.Port.ToString(CultureInfo.InvariantCulture);
        if (context.CiliumConfig is { } config
            && config.GetString("k8s-service-host") is { } configHost && context.IsKubePrismHost(configHost)
            && config.GetString("k8s-service-port") is { } configPort && configPort.Trim() != expected)
        {
            yield return new LintFinding(context.CiliumConfigIndex, $"{LintContext.Describe(context.Resource(context.CiliumConfigIndex)!)} has k8s-service-host/port {configHost}:{configPort}, but KubePrism is on port {expected}");
        }

        foreach (var (index, resource, podSpec) in context.Workloads())
        {
            var wrong = LintContext.Containers(podSpec)
                .Select(c => (Name: c.GetString("name") ?? "(unnamed)", Host: context.Env(resource, c, "KUBERNETES_SERVICE_HOST").Value, Port: context.Env(resource, c, "KUBERNETES_SERVICE_PORT").Value))
                .Where(c => c.Host is not null && context.IsKubePrismHost(c.Host) && c.Port is not null && c.Port.Trim() != expected)
                .ToArray();
            if (wrong.Length > 0)
            {
                var endpoints = string.Join(", ", wrong.Select(c => $"{c.Name} uses {c.Host}:{c.Port}"));
                yield return new LintFinding(index, $"{LintContext.Describe(resource)} (container {endpoints}), but KubePrism is on port {expected}");
            }
        }
    }
}
