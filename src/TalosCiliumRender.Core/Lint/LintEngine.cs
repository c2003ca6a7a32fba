using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>Runs every rule, drops suppressed findings, and turns the rest into one diagnostic per rule.</summary>
internal static partial class LintEngine
{
    public static IReadOnlyList<ILintRule> Rules { get; } =
    [
        new SysModuleRule(),
        new CgroupAutoMountRule(),
        new AgentKubePrismRule(),
        new KubePrismPortRule(),
        new ServiceHostAutoRule(),
        new KubeProxyRemovedRule(),
        new HubbleTlsChurnRule(),
        new PlainTextPrivateKeyRule(),
        new GatewayClassRule(),
        new TalosInlineJobRule(),
        new HostDnsForwardingRule(),
        new GatewayApiCrdsRule(),
    ];

    /// <summary>Warnings outside the lint rules that the same suppression list silences.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> OtherSuppressible { get; } = [DiagnosticCatalog.TalosPatchTooLarge];

    /// <summary>Every code a suppression list may name.</summary>
    public static IReadOnlyList<string> SuppressibleCodes { get; } =
        [.. Rules.Select(r => r.Descriptor.Code), .. OtherSuppressible.Select(d => d.Code)];

    /// <summary>The normalised set of codes to suppress.</summary>
    /// <exception cref="DiagnosticException">TCR0004 for a code that names no lint rule or suppressible warning.</exception>
    public static IReadOnlySet<string> ParseSuppressions(IEnumerable<string> codes)
    {
        if (SuppressionProblems(codes) is [var first, ..])
        {
            throw new DiagnosticException(first);
        }

        return SuppressionCodes(codes).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every code in <paramref name="codes"/> that is not a suppressible lint code, each as a TCR0004.</summary>
    public static IReadOnlyList<Diagnostic> SuppressionProblems(IEnumerable<string> codes) =>
        SuppressionCodes(codes).Where(c => !SuppressibleCodes.Contains(c)).Distinct(StringComparer.Ordinal)
            .Select(c => DiagnosticCatalog.InvalidOption.Create("a suppressed lint code (--suppress)", c, "use one of " + string.Join(", ", SuppressibleCodes)))
            .ToList();

    private static IEnumerable<string> SuppressionCodes(IEnumerable<string> codes) =>
        codes.SelectMany(c => Separators().Split(c)).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0);

    /// <summary>Lints <paramref name="context"/>'s documents.</summary>
    /// <param name="context">Documents and facts.</param>
    /// <param name="suppressed">Codes that are not reported at all.</param>
    /// <param name="asErrors">Report findings as errors, so the render fails.</param>
    /// <param name="locate">Where the document with a given index lives, for the diagnostic's file and line.</param>
    public static IReadOnlyList<Diagnostic> Run(LintContext context, IReadOnlySet<string> suppressed, bool asErrors, Func<int, SourceLocation> locate)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var rule in Rules.Where(r => !suppressed.Contains(r.Descriptor.Code)))
        {
            var findings = rule.Check(context).Where(f => !SuppressedByAnnotation(context, f.DocumentIndex, rule.Descriptor.Code)).ToArray();
            if (findings.Length == 0)
            {
                continue;
            }

            var diagnostic = rule.Descriptor.Create(locate(findings[0].DocumentIndex), string.Join("; ", findings.Select(f => f.Detail)));
            diagnostics.Add(asErrors ? diagnostic with { Severity = DiagnosticSeverity.Error } : diagnostic);
        }

        return diagnostics;
    }

    /// <summary>The codes the suppression annotation of a resource lists (separated by commas or spaces).</summary>
    private static bool SuppressedByAnnotation(LintContext context, int index, string code)
    {
        if (index < 0 || context.Resource(index)?.GetPath("metadata", "annotations") is not YamlMappingNode annotations
            || annotations.GetString(TalosLinter.SuppressAnnotation) is not { } value)
        {
            return false;
        }

        return Separators().Split(value).Any(c => c.Trim().Equals(code, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"[,;\s]+")]
    private static partial Regex Separators();
}
