using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests.Stability;

/// <summary>A real render of cilium 1.18.1 with every certificate and key helm generates for Hubble (relay server, metrics TLS).</summary>
internal static class HubbleTlsRender
{
    public static RenderRequest Request { get; } = new()
    {
        Chart = TestPaths.ChartArchive("1.18.1"),
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        Features = ["hubble", "hubble-relay", "hubble-ui"],
        SetValues = ["hubble.relay.tls.server.enabled=true", "hubble.metrics.enabled={dns}", "hubble.metrics.tls.enabled=true"],
    };

    public static async Task<string> ManifestAsync() => (await new ManifestRenderer().RenderAsync(Request)).Manifest!;
}
