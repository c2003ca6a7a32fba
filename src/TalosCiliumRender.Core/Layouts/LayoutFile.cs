namespace TalosCiliumRender.Core.Layouts;

/// <summary>One file of a laid-out render.</summary>
/// <param name="RelativePath">Path inside the output folder (a plain file name for every layout today).</param>
/// <param name="Content">The text, with <c>\n</c> line endings.</param>
internal sealed record LayoutFile(string RelativePath, string Content);
