using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6003: kube-proxy replacement is on, but the agent reaches the API server some other way than KubePrism.</summary>
internal sealed class AgentKubePrismRule : ILintRule
{
    public const string AgentContainer = "cilium-agent";

    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintAgentNotOnKubePrism;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (context.CiliumConfig is not { } config || !KubeProxyReplacement.IsOn(config.GetString("kube-proxy-replacement")))
        {
            yield break;
        }

        foreach (var (index, resource, podSpec) in context.Workloads())
        {
            var agent = ((podSpec.Get("containers") as YamlSequenceNode)?.Children ?? [])
                .OfType<YamlMappingNode>()
                .FirstOrDefault(c => c.GetString("name") == AgentContainer);
            if (resource.GetString("kind") != "DaemonSet" || agent is null)
            {
                continue;
            }

            var (present, host) = context.Env(resource, agent, "KUBERNETES_SERVICE_HOST");
            if (!present)
            {
                host = config.GetString("k8s-service-host");
                present = host is not null;
            }

            if (!present || string.IsNullOrWhiteSpace(host))
            {
                if (!present)
                {
                    yield return new LintFinding(index, $"{LintContext.Describe(resource)} (container {AgentContainer}) sets no KUBERNETES_SERVICE_HOST (k8sServiceHost is empty), so the agent would use the kubernetes Service");
                }

                // Set but not resolvable offline (a Secret or field reference): nothing to judge.
                continue;
            }

            // 'auto' is TCR6005's finding; reporting it twice would not help.
            if (host != "auto" && !context.IsKubePrismHost(host))
            {
                var (_, port) = context.Env(resource, agent, "KUBERNETES_SERVICE_PORT");
                yield return new LintFinding(index, $"{LintContext.Describe(resource)} (container {AgentContainer}) reaches the API server at {host}:{port ?? config.GetString("k8s-service-port") ?? "?"} instead of KubePrism ({context.KubePrism.Host}:{context.KubePrism.Port})");
            }
        }
    }
}
