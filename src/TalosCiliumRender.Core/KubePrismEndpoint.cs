namespace TalosCiliumRender.Core;

/// <summary>Where Cilium reaches the Kubernetes API on a Talos node: KubePrism, Talos' local load balancer.</summary>
/// <param name="Host">Host name; Talos serves KubePrism on localhost.</param>
/// <param name="Port">Port; 7445 unless the machine config sets <c>machine.features.kubePrism.port</c>.</param>
public sealed record KubePrismEndpoint(string Host = KubePrismEndpoint.DefaultHost, int Port = KubePrismEndpoint.DefaultPort)
{
    /// <summary>KubePrism's host on every Talos node.</summary>
    public const string DefaultHost = "localhost";

    /// <summary>KubePrism's default port.</summary>
    public const int DefaultPort = 7445;
}
