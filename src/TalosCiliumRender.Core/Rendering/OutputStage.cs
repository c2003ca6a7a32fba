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

    public async Task<RenderResult> FinishAsync(
        RenderRequest request, IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, RenderResult result, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var suppressed = LintEngine.ParseSuppressions(request.SuppressedLints);
        var manifest = YamlWriter.Write(documents);
        var plan = OutputPlanner.Plan(request, documents, manifest, values, result.Chart!);
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
            var fullPath = environment.ResolvePath(outputPath);
            var comparison = await LayoutComparison.CompareAsync(plan, outputPath, fullPath, documents, environment.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            differences = comparison.Differences;
            files = OutputPlanner.FilesOf(plan, fullPath);
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
                // freshly generated certificates, and git would show a change nobody made.
                status = comparison.UpToDate
                    ? OutputStatus.Unchanged
                    : await OutputPlanner.WriteAsync(plan, outputPath, fullPath, cancellationToken).ConfigureAwait(false);
            }
        }

        return result with { Manifest = manifest, TalosPatch = plan.TalosPatch, Output = status, OutputFiles = files, Differences = differences };
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
            // HOOK(carry-over): connect to request.CarryOverGeneratedSecrets once the carry-over work reaches main.
            carryOverGeneratedSecrets: false);
        return LintEngine.Run(context, suppressed, request.LintAsErrors, index => OutputPlanner.Locate(plan, request, written, index));
    }
}
