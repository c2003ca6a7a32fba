using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>One <c>images</c> entry.</summary>
internal sealed record ImageEntry(string Name, string? NewName, string? NewTag, string? Digest, SourceLocation Location);
