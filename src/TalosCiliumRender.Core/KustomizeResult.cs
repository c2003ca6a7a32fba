namespace TalosCiliumRender.Core;

/// <summary>The outcome of a kustomize build or apply.</summary>
/// <param name="Succeeded">True when the build produced output; then <paramref name="Yaml"/> is set.</param>
/// <param name="Diagnostics">Errors (on failure) and any warnings, each with file, line and column where known.</param>
/// <param name="Yaml">The manifests as one YAML stream with <c>\n</c> line endings, or <see langword="null"/> on failure.</param>
public sealed record KustomizeResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, string? Yaml) : IOperationResult;
