namespace TalosCiliumRender.Core.Output;

/// <summary>What happened to the output file of a render.</summary>
public enum OutputStatus
{
    /// <summary>No output path was given; the manifest is only in the result.</summary>
    NotRequested,

    /// <summary>The file was created or its content replaced.</summary>
    Written,

    /// <summary>The file already held exactly these bytes and was not touched (its timestamp is unchanged).</summary>
    Unchanged,
}
