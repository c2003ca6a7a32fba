namespace TalosCiliumRender.Core;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Progress or context; never fails anything.</summary>
    Info,

    /// <summary>Something the user should look at; the output is still produced.</summary>
    Warning,

    /// <summary>The operation failed; no output was written.</summary>
    Error,
}
