namespace TalosCiliumRender.Core;

/// <summary>What happened to the output file of a render.</summary>
public enum OutputStatus
{
    /// <summary>No output path was given; the manifest is only in the result.</summary>
    NotRequested,

    /// <summary>The file was created or its content replaced.</summary>
    Written,

    /// <summary>
    /// The file already held these bytes, or differed only in freshly generated certificates, and was not touched
    /// (its timestamp is unchanged).
    /// </summary>
    Unchanged,

    /// <summary>Check mode: the file matches the render; it was not touched.</summary>
    UpToDate,

    /// <summary>Check mode: the file is missing or differs from the render (error TCR0008); it was not touched.</summary>
    Stale,
}
