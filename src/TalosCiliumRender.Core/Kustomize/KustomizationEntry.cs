using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>A path listed in the kustomization (a resource, or a patch file).</summary>
internal sealed record KustomizationEntry(string Path, SourceLocation Location);
