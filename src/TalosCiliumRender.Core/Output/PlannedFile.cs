namespace TalosCiliumRender.Core.Output;

/// <summary>One file of a render laid out in memory, before it is written.</summary>
/// <param name="RelativePath">Path inside the output folder; empty for an output that is one file (the output path itself).</param>
/// <param name="Content">The text, with <c>\n</c> line endings.</param>
internal sealed record PlannedFile(string RelativePath, string Content);
