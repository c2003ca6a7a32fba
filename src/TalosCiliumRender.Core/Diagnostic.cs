using System.Globalization;

namespace TalosCiliumRender.Core;

/// <summary>
/// A coded message about the user's input: what is wrong, where, and how to fix it.
/// </summary>
/// <param name="Code">Stable identifier such as <c>TCR1001</c>; tests and tooling match on it, never on the text.</param>
/// <param name="Severity">Whether the message fails the operation.</param>
/// <param name="Message">One sentence naming the input at fault, then the fix.</param>
/// <param name="File">The file at fault, when there is one.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when known.</param>
/// <param name="Column">1-based column in <paramref name="File"/>, when known.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File = null,
    int? Line = null,
    int? Column = null)
{
    private const string HelpRoot = "https://github.com/talos-cilium-render/TalosCiliumRender/blob/main/docs/diagnostics/";

    /// <summary>The page that explains <see cref="Code"/> and its fixes.</summary>
    public string HelpLink => HelpRoot + Code + ".md";

    /// <summary>True when <see cref="Severity"/> is <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// The canonical MSBuild-style form, <c>file(line,col): error TCR2003: message</c>, which editors and
    /// <c>&lt;Exec&gt;</c> recognise.
    /// </summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var location = File switch
        {
            null => "talos-cilium",
            _ when Line is { } line && Column is { } column => string.Create(CultureInfo.InvariantCulture, $"{File}({line},{column})"),
            _ when Line is { } line => string.Create(CultureInfo.InvariantCulture, $"{File}({line})"),
            _ => File,
        };
        return $"{location}: {severity} {Code}: {Message}";
    }
}
