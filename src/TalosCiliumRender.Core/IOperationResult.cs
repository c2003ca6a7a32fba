namespace TalosCiliumRender.Core;

/// <summary>
/// What every operation of the library returns: whether it succeeded and the diagnostics that say why (or why not).
/// Each result adds its payload: <see cref="RenderResult"/>, <see cref="ValuesResult"/>, <see cref="KustomizeResult"/>,
/// <see cref="DiffResult"/>, <see cref="LintResult"/>.
/// </summary>
public interface IOperationResult
{
    /// <summary>True when no error diagnostic was reported and the payload is set.</summary>
    bool Succeeded { get; }

    /// <summary>Errors, warnings and information, in the order they arose; user errors never come as exceptions.</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }
}
