using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Presets;

/// <summary>The presets: what Talos needs from Cilium, versioned by Cilium minor.</summary>
internal static class PresetCatalog
{
    public const string Talos = RenderRequest.DefaultPreset;
    public const string TalosKubeProxy = "talos-kube-proxy";
    public const string None = "none";

    public static IReadOnlyList<Preset> All { get; } =
    [
        new(Talos, "Talos with kube-proxy replacement through KubePrism (kube-proxy disabled in the machine config).", true,
            (version, kubePrism) => TalosValues(version, kubePrism, kubeProxyReplacement: true)),
        new(TalosKubeProxy, "Talos keeping kube-proxy: no kube-proxy replacement, API server reached through the kubernetes Service.", false,
            (version, kubePrism) => TalosValues(version, kubePrism, kubeProxyReplacement: false)),
        new(None, "Plain chart defaults; only your features and values apply.", false,
            (_, _) => new YamlMappingNode()),
    ];

    public static Preset Get(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw DiagnosticCatalog.UnknownPreset.Exception(name, string.Join(", ", All.Select(p => p.Name)));

    private static YamlMappingNode? TalosValues(Version ciliumVersion, KubePrismEndpoint kubePrism, bool kubeProxyReplacement)
    {
        if (CiliumCapabilities.For(ciliumVersion) is not { } capabilities)
        {
            return null;
        }

        var values = new ValueTree()
            .Set("ipam.mode", "kubernetes")
            .Set("kubeProxyReplacement", kubeProxyReplacement)
            .Set("securityContext.capabilities.ciliumAgent", capabilities.CiliumAgent)
            .Set("securityContext.capabilities.cleanCiliumState", capabilities.CleanCiliumState)
            .Set("cgroup.autoMount.enabled", false)
            .Set("cgroup.hostRoot", "/sys/fs/cgroup");

        // Without kube-proxy nothing routes the kubernetes Service VIP until Cilium runs, so the agent must
        // reach the API server directly: KubePrism on every Talos node.
        if (kubeProxyReplacement)
        {
            values.Set("k8sServiceHost", kubePrism.Host).Set("k8sServicePort", kubePrism.Port);
        }

        return values.Root;
    }
}
