using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Lint;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// The end of a render: lay the final documents out, lint them, and write them, in that order, so that a lint
/// error (with <see cref="RenderRequest.LintAsErrors"/>) fails the render before anything is written.
/// </summary>
internal sealed class OutputStage(RenderEnvironment environment)
{
    /// <summary>The checks that need no chart, run before helm so a typo fails fast.</summary>
    /// <exception cref="DiagnosticException">TCR5001-TCR5004, or TCR0004 for an unknown suppressed code.</exception>
    public static void Validate(RenderRequest request, bool valuesOnly)
    {
        OutputPlanner.Validate(request, valuesOnly);
        _ = LintEngine.ParseSuppressions(request.SuppressedLints);
    }

    /// <summary>
    /// Lays out, lints and writes. <c>header</c> is the provenance header (YAML comment lines) that heads the output of
    /// every layout; <c>strict</c> names the rendered documents compared without the generated-certificate allowance:
    /// those the carry-over manages.
    /// </summary>
    public async Task<RenderResult> FinishAsync(
        RenderRequest request, IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, RenderResult result, List<Diagnostic> diagnostics,
        string header, Func<ManifestDocument, bool>? strict, CancellationToken cancellationToken)
    {
        var suppressed = LintEngine.ParseSuppressions(request.SuppressedLints);
        var manifest = header + YamlWriter.Write(documents);
        var plan = WithHeader(OutputPlanner.Plan(request, documents, manifest, values, result.Chart!), header);
        diagnostics.AddRange(plan.Diagnostics.Where(d => !suppressed.Contains(d.Code)));
        if (request.Lint)
        {
            diagnostics.AddRange(Lint(request, plan, values, suppressed));
        }

        result = result with { ResourceCount = documents.Count, Diagnostics = diagnostics };
        if (diagnostics.Any(d => d.IsError))
        {
            return result;
        }

        var status = OutputStatus.NotRequested;
        IReadOnlyList<string> files = [];
        IReadOnlyList<ResourceDifference> differences = [];
        if (request.OutputPath is { } outputPath)
        {
            var target = OutputTarget.Resolve(outputPath, environment.ResolvePath(outputPath));
            OutputPlanner.CheckTarget(plan, target, request.Mode);
            files = OutputPlanner.FilesOf(plan, target.FullPath);
            if (target.IsStream)
            {
                // A device or pipe is only ever written to: reading a pipe would wait forever, and there is nothing to keep.
                status = await OutputPlanner.WriteAsync(plan, target, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var comparison = await LayoutComparison.CompareAsync(plan, outputPath, target.FullPath, documents, environment.Time.GetUtcNow(), cancellationToken, strict).ConfigureAwait(false);
                differences = comparison.Differences;
                if (request.Mode == OutputMode.Check)
                {
                    status = comparison.UpToDate ? OutputStatus.UpToDate : OutputStatus.Stale;
                    if (!comparison.UpToDate)
                    {
                        diagnostics.Add(comparison.StaleDiagnostic(outputPath));
                    }
                }
                else
                {
                    // An output that check mode would accept stays as it is: otherwise every render would rewrite it with
                    // freshly generated certificates, and git would show a change nobody made. Its provenance header must
                    // still be current, though, or it would name a tool version or inputs that did not make it.
                    status = comparison.UpToDate && await HeaderIsCurrentAsync(plan, target.FullPath, cancellationToken).ConfigureAwait(false)
                        ? OutputStatus.Unchanged
                        : await OutputPlanner.WriteAsync(plan, target, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return result with { Manifest = manifest, TalosPatch = plan.TalosPatch, Output = status, OutputFiles = files, Differences = differences };
    }

    /// <summary>
    /// Puts the provenance header at the top of every layout: the manifest (file layout) already has it; the Talos
    /// patch gets it after its own description comments; the folder's kustomization.yaml right after its marker
    /// line, which must stay first.
    /// </summary>
    private static OutputPlan WithHeader(OutputPlan plan, string header)
    {
        switch (plan.Layout)
        {
            case OutputLayout.Talos when plan.TalosPatch is { } patch:
                var comments = LeadingComments(patch).Length;
                return plan with { TalosPatch = patch[..comments] + header + patch[comments..] };
            case OutputLayout.Directory when plan.Files is [.., var kustomization]:
                var content = kustomization.Content;
                var firstLine = content.IndexOf('\n', StringComparison.Ordinal) + 1;
                return plan with { Files = [.. plan.Files.SkipLast(1), kustomization with { Content = content[..firstLine] + header + content[firstLine..] }] };
            default:
                return plan;
        }
    }

    /// <summary>True when the existing output's leading comments (the provenance header among them) are those of the plan.</summary>
    private static async Task<bool> HeaderIsCurrentAsync(OutputPlan plan, string fullPath, CancellationToken cancellationToken)
    {
        if (plan.Layout == OutputLayout.Directory)
        {
            return true; // the comparison already requires kustomization.yaml, header included, to match exactly
        }

        try
        {
            var text = InputFile.Decode(await InputFile.ReadBytesAsync(fullPath, fullPath, cancellationToken).ConfigureAwait(false));
            return LeadingComments(text) == LeadingComments(plan.Layout == OutputLayout.Talos ? plan.TalosPatch! : plan.Manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DiagnosticException)
        {
            return false;
        }
    }

    /// <summary>The comment lines a text starts with, line breaks included.</summary>
    private static string LeadingComments(string text)
    {
        var end = 0;
        while (end < text.Length && text[end] == '#')
        {
            var lineEnd = text.IndexOf('\n', end);
            end = lineEnd < 0 ? text.Length : lineEnd + 1;
        }

        return text[..end];
    }

    private static IReadOnlyList<Diagnostic> Lint(RenderRequest request, OutputPlan plan, YamlMappingNode values, IReadOnlySet<string> suppressed)
    {
        // The rules read the documents as written, so positions are those of the output file and nothing the
        // writer changes (styles, header comments) can hide a finding.
        var written = YamlReader.ReadDocuments(plan.Manifest, request.OutputPath);
        var context = new LintContext(
            written,
            values,
            request.KubePrism,
            plan.TalosDisablesKubeProxy,
            freshHelmRender: true,
            // Carried over from an existing output, the generated Secrets do not churn (after the first render).
            carryOverGeneratedSecrets: request.CarryOverGeneratedSecrets && request.OutputPath is not null);
        return LintEngine.Run(context, suppressed, request.LintAsErrors, index => OutputPlanner.Locate(plan, request, written, index));
    }
}
