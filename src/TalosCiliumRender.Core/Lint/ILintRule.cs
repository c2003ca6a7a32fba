using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Lint;

/// <summary>One Talos lint rule: a code, and a check over the final documents.</summary>
internal interface ILintRule
{
    /// <summary>The rule's code and message; the message has one placeholder for the joined finding details.</summary>
    DiagnosticDescriptor Descriptor { get; }

    /// <summary>What is wrong, one finding per resource at fault.</summary>
    IEnumerable<LintFinding> Check(LintContext context);
}
