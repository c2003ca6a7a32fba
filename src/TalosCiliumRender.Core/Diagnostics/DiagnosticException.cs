namespace TalosCiliumRender.Core.Diagnostics;

/// <summary>
/// Carries a user-facing <see cref="Diagnostic"/> out of deep code to the public boundary, where it becomes
/// a failed result. Never escapes the library.
/// </summary>
internal sealed class DiagnosticException(Diagnostic diagnostic, Exception? inner = null)
    : Exception(diagnostic.ToString(), inner)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
