using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// TCR6011: Talos forwards kube-dns to its host DNS (169.254.116.108), and Cilium masquerades in BPF with eBPF host
/// routing: the answers never reach CoreDNS, so name resolution in pods breaks (siderolabs/talos#10002,
/// cilium/cilium#36761). <c>bpf.hostLegacyRouting=true</c>, or the Talos forwarding off, avoids it.
/// </summary>
internal sealed class HostDnsForwardingRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintHostDnsForwardingWithBpfHostRouting;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        // Unknown forwarding (no Talos version, no setting) stays silent: no finding on a guess.
        if (context.TalosDnsForwarding != true || context.CiliumConfig is not { } config)
        {
            yield break;
        }

        if (IsTrue(config.GetString("enable-bpf-masquerade")) && !IsTrue(config.GetString("enable-host-legacy-routing")))
        {
            var legacy = config.GetString("enable-host-legacy-routing");
            yield return new LintFinding(context.CiliumConfigIndex,
                $"{LintContext.Describe(context.Resource(context.CiliumConfigIndex)!)} has enable-bpf-masquerade: \"true\" and " +
                (legacy is null ? "no enable-host-legacy-routing" : $"enable-host-legacy-routing: \"{legacy}\""));
        }
    }

    private static bool IsTrue(string? value) => value?.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) == true;
}
