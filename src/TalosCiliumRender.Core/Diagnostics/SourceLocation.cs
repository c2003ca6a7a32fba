namespace TalosCiliumRender.Core.Diagnostics;

/// <summary>A place in a user's file; every part is optional.</summary>
/// <param name="File">Path of the file, as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal readonly record struct SourceLocation(string? File, int? Line = null, int? Column = null)
{
    /// <summary>A location naming only a file.</summary>
    /// <param name="file">Path of the file.</param>
    /// <returns>The location.</returns>
    public static SourceLocation InFile(string? file) => new(file);
}
