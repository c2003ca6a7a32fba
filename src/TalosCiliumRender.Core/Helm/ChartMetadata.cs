namespace TalosCiliumRender.Core.Helm;

/// <summary>The identifying fields of a chart's Chart.yaml.</summary>
/// <param name="Name">The chart name.</param>
/// <param name="Version">The chart version (for Cilium, the Cilium version).</param>
/// <param name="AppVersion">The app version, when the chart declares one.</param>
internal sealed record ChartMetadata(string Name, string Version, string? AppVersion);
