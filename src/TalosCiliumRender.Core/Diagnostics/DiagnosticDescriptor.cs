using System.Globalization;

namespace TalosCiliumRender.Core.Diagnostics;

/// <summary>The fixed part of a diagnostic: its code, default severity, title and message format.</summary>
/// <param name="Code">Stable identifier, <c>TCR</c> plus four digits.</param>
/// <param name="Severity">Severity a diagnostic of this kind gets.</param>
/// <param name="Title">Short summary, used as the heading of the help page.</param>
/// <param name="MessageFormat">Composite format string; every placeholder names an input or a fix.</param>
internal sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>Builds a diagnostic from this descriptor.</summary>
    /// <param name="location">Where the fault is; <see langword="default"/> when it is not in a file.</param>
    /// <param name="args">Values for the placeholders of <see cref="MessageFormat"/>.</param>
    /// <returns>The diagnostic.</returns>
    public Diagnostic Create(SourceLocation location, params object?[] args) =>
        new(Code, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, args), location.File, location.Line, location.Column);

    /// <summary>Builds a diagnostic that is not tied to a file.</summary>
    /// <param name="args">Values for the placeholders of <see cref="MessageFormat"/>.</param>
    /// <returns>The diagnostic.</returns>
    public Diagnostic Create(params object?[] args) => Create(default, args);

    internal DiagnosticException Exception(SourceLocation location, params object?[] args) => new(Create(location, args));

    internal DiagnosticException Exception(params object?[] args) => new(Create(default, args));
}
