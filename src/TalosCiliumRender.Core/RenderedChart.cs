namespace TalosCiliumRender.Core;

/// <summary>The chart a render used.</summary>
/// <param name="Name">Chart name from Chart.yaml.</param>
/// <param name="Version">Chart version from Chart.yaml.</param>
/// <param name="Digest"><c>sha256:…</c> of the chart archive; null for a chart folder.</param>
/// <param name="Source">Where it came from: a path, a repository and name, or an OCI reference.</param>
public sealed record RenderedChart(string Name, string Version, string? Digest, string Source);
