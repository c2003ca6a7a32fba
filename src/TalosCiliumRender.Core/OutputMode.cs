namespace TalosCiliumRender.Core;

/// <summary>What a render does with <see cref="RenderRequest.OutputPath"/>.</summary>
public enum OutputMode
{
    /// <summary>
    /// Write the manifest atomically. The file is left untouched (same timestamp) when it already holds the same
    /// bytes, or when it differs only in certificates the chart generates anew on every render.
    /// </summary>
    Write,

    /// <summary>
    /// Render in memory, never write, and compare with the file: a missing or differing file is error TCR0008 listing
    /// each resource that differs. For CI, to prove that the committed output is up to date.
    /// </summary>
    Check,
}
