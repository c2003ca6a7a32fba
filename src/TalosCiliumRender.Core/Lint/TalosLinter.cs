using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Lint;

/// <summary>
/// Checks manifests for settings that break or endanger Cilium on Talos Linux (codes TCR6001-TCR6049). A render
/// lints its final documents by default (<see cref="RenderRequest.Lint"/>); this entry point lints a
/// manifest made elsewhere, for example by <c>talos-cilium kustomize --lint</c>.
/// </summary>
/// <remarks>
/// Each finding can be silenced by its code (<see cref="TalosLintOptions.SuppressedLints"/>, <c>--suppress</c>) or,
/// for one resource, by the annotation <see cref="SuppressAnnotation"/> on the resource the message names, which a
/// kustomize patch can add. Rules that need to know how the manifest was made (TCR6006, TCR6007, TCR6010, TCR6012) only
/// apply to a render; TCR6011 needs <see cref="TalosLintOptions.TalosVersion"/> or <see cref="TalosLintOptions.TalosDnsForwarding"/>.
/// </remarks>
public static class TalosLinter
{
    /// <summary>
    /// The annotation that silences lint codes for one resource: <c>talos-cilium.io/suppress: "TCR6001,TCR6008"</c>
    /// (codes separated by commas or spaces).
    /// </summary>
    public const string SuppressAnnotation = "talos-cilium.io/suppress";

    /// <summary>Every lint rule, by code.</summary>
    internal static IReadOnlyList<DiagnosticDescriptor> Rules { get; } = LintEngine.Rules.Select(r => r.Descriptor).ToArray();

    /// <summary>The codes a suppression list may name: the lint rules and the layout warning TCR5010.</summary>
    public static IReadOnlyList<string> SuppressibleCodes => LintEngine.SuppressibleCodes;

    /// <summary>Lints a manifest stream.</summary>
    /// <param name="manifest">The YAML stream, as written.</param>
    /// <param name="options">Suppressions, severity and the KubePrism endpoint; defaults when null.</param>
    /// <returns>
    /// The findings: one diagnostic per rule that found something; a TCR3xxx or TCR0004 error when the input cannot be
    /// read. It succeeded when no finding is an error.
    /// </returns>
    public static LintResult Lint(string manifest, TalosLintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new TalosLintOptions();
        try
        {
            var suppressed = LintEngine.ParseSuppressions(options.SuppressedLints);
            var documents = YamlReader.ReadDocuments(manifest, options.File);
            var context = new LintContext(documents, kubePrism: options.KubePrism, talosDnsForwarding: TalosHostDns.Forwarding(options.TalosDnsForwarding, options.TalosVersion));
            return new LintResult(LintEngine.Run(context, suppressed, options.AsErrors, index =>
                index < 0 || options.File is null ? SourceLocation.InFile(options.File) : YamlReader.Locate(options.File, documents[index].Root.Start)));
        }
        catch (DiagnosticException e)
        {
            return new LintResult([e.Diagnostic]);
        }
    }
}
