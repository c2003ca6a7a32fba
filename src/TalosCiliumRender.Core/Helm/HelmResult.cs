namespace TalosCiliumRender.Core.Helm;

/// <summary>What a successful helm run wrote.</summary>
/// <param name="StandardOutput">Everything helm wrote to stdout (for <c>template</c>, the manifests).</param>
/// <param name="StandardError">Warnings helm wrote to stderr even though it succeeded.</param>
internal sealed record HelmResult(string StandardOutput, string StandardError);
