using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>One <c>replicas</c> entry.</summary>
internal sealed record ReplicaEntry(string Name, long Count, SourceLocation Location);
