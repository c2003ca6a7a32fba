using System.CommandLine;
using TalosCiliumRender.Core.Lint;

namespace TalosCiliumRender.Cli;

/// <summary>The Talos lint options shared by <c>render</c> and <c>kustomize</c>.</summary>
internal sealed class LintOptions
{
    private readonly Option<string[]> _suppress = new("--suppress")
    {
        Description = $"Lint code not to report (repeatable): {string.Join(", ", TalosLinter.SuppressibleCodes)}. One resource: annotation '{TalosLinter.SuppressAnnotation}: TCRnnnn'.",
    };

    private readonly Option<bool> _lintErrors = new("--lint-errors") { Description = "Report Talos lint findings as errors (fail, write nothing)." };

    public void AddTo(Command command)
    {
        command.Add(_suppress);
        command.Add(_lintErrors);
    }

    public IReadOnlyList<string> Suppressed(ParseResult result) => result.GetValue(_suppress) ?? [];

    public bool AsErrors(ParseResult result) => result.GetValue(_lintErrors);
}
