using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>One <c>labels</c> entry.</summary>
internal sealed record LabelEntry(IReadOnlyList<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, SourceLocation Location);
