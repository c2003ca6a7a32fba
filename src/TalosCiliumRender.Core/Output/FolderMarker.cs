namespace TalosCiliumRender.Core.Output;

/// <summary>
/// How a folder shows that a render wrote it, and so may be replaced as a whole: its file <paramref name="FileName"/>
/// starts with the line <paramref name="FirstLine"/>. A folder without it is never touched.
/// </summary>
/// <param name="FileName">The file that carries the marker.</param>
/// <param name="FirstLine">Its first line, without the line break.</param>
internal sealed record FolderMarker(string FileName, string FirstLine);
