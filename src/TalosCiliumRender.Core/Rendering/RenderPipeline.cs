using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// One render, start to finish: check the request, find helm, resolve the chart, compose values, run
/// <c>helm template</c>, parse, patch, write. Failures surface as <see cref="DiagnosticException"/>, which
/// <see cref="ManifestRenderer"/> turns into a failed result.
/// </summary>
internal sealed class RenderPipeline(RenderEnvironment environment)
{
    // helm gets the values through a file in a private temporary folder made for each run.
    private const string ValuesFilePlaceholder = "values.yaml";

    private const string SourceComment = "# Source: ";

    public async Task<RenderResult> RunAsync(RenderRequest request, bool valuesOnly, CancellationToken cancellationToken)
    {
        // Cheap checks of the user's own input come first, all at once, so a typo never waits for helm or a download.
        if (RequestValidator.Validate(request, valuesOnly) is { Count: > 0 } problems)
        {
            return new RenderResult { Diagnostics = problems };
        }

        var composer = await ValuesComposer.PrepareAsync(request, environment, cancellationToken).ConfigureAwait(false);
        var source = ChartSource.Parse(request.Chart, request.Repository, request.Version ?? RenderRequest.DefaultChartVersion, environment);
        if (source.Kind == ChartSourceKind.Local && request.Version is null)
        {
            // A local chart is whatever version it is; the default only picks a version from a repository.
            source = source with { Version = null };
        }

        var tool = await HelmLocator.LocateAsync(request.HelmPath, environment, request.Timeout, cancellationToken).ConfigureAwait(false);
        using var helm = new HelmCli(tool, request.Timeout, environment);
        var cacheRoot = request.ChartCacheDirectory is { } configured ? environment.ResolvePath(configured) : ChartCache.DefaultRoot(environment);
        var chart = await new ChartResolver(helm, new ChartCache(cacheRoot)).ResolveAsync(source, cancellationToken).ConfigureAwait(false);
        var renderedChart = new RenderedChart(chart.Metadata.Name, chart.Metadata.Version, chart.Digest, chart.Source);

        var values = composer.Compose(chart.Metadata.Name, chart.Metadata.Version);
        var valuesYaml = YamlWriter.WriteNode(values);
        var result = new RenderResult { Chart = renderedChart, EffectiveValues = valuesYaml, HelmVersion = tool.VersionText };
        if (valuesOnly)
        {
            return result;
        }

        var diagnostics = new List<Diagnostic>();
        var arguments = new HelmTemplateArguments(
            request.ReleaseName, chart.LocalPath, request.Namespace, ValuesFilePlaceholder, request.KubeVersion, composer.ApiVersions(request));
        var output = await TemplateAsync(helm, arguments, valuesYaml, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(output.StandardError))
        {
            diagnostics.Add(DiagnosticCatalog.HelmWarning.Create(chart.Source, output.StandardError.Trim()));
        }

        var documents = ParseHelmOutput(output.StandardOutput, renderedChart);

        // GitOps stability: a static scan of the templates says which documents hold generated content.
        var scan = await ScanTemplatesAsync(chart, cancellationToken).ConfigureAwait(false);
        var carryOver = request.CarryOverGeneratedSecrets;
        if (NonIdempotencyGuard.Suspicious(documents, scan, carryOver).Count > 0)
        {
            var second = await TemplateAsync(helm, arguments, valuesYaml, cancellationToken).ConfigureAwait(false);
            var severity = request.FailOnNonIdempotentOutput || request.Mode == OutputMode.Check ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            diagnostics.AddRange(NonIdempotencyGuard.Compare(documents, ParseHelmOutput(second.StandardOutput, renderedChart), scan, carryOver, severity));
        }

        if (request.Kustomization is { } kustomization)
        {
            documents = await ApplyKustomizationAsync(documents, environment.ResolvePath(kustomization), request, cancellationToken).ConfigureAwait(false);
        }

        var outputStage = new OutputStage(environment, request);
        if (carryOver && request.OutputPath is { } existingOutput)
        {
            diagnostics.AddRange(await CarryOverAsync(documents, outputStage, existingOutput, scan, request, cancellationToken).ConfigureAwait(false));
        }

        var header = new ProvenanceHeader(
            ProvenanceHeader.CurrentToolVersion, chart.Metadata.Name, chart.Metadata.Version,
            chart.Digest ?? await ChartContentDigest.ComputeAsync(chart.LocalPath, cancellationToken).ConfigureAwait(false),
            CanonicalValues.Digest(values), request.ReleaseName, request.Namespace, request.KubeVersion, composer.ApiVersions(request));

        // Documents the carry-over manages already hold the committed material wherever it still fits, so any
        // difference left in them is deliberate (a renewal, a replacement) and is compared strictly.
        Func<ManifestDocument, bool>? strict = carryOver ? d => GeneratedSecretCarryOver.IsGenerated(d, scan) : null;
        return await outputStage.FinishAsync(documents, values, result, diagnostics, header.Text(), strict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <c>helm template</c> with the values in a private temporary folder, which is removed afterwards.</summary>
    private static async Task<HelmResult> TemplateAsync(HelmCli helm, HelmTemplateArguments arguments, string valuesYaml, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory("talos-cilium-render-");
        try
        {
            var valuesFile = Path.Combine(workDirectory.FullName, "values.yaml");
            await File.WriteAllTextAsync(valuesFile, valuesYaml, cancellationToken).ConfigureAwait(false);
            return await helm.TemplateAsync(arguments with { ValuesFile = valuesFile }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private static async Task<ChartTemplateScan> ScanTemplatesAsync(ResolvedChart chart, CancellationToken cancellationToken)
    {
        try
        {
            var templates = await ChartTemplateReader.ReadAsync(chart.LocalPath, chart.Metadata.Name, cancellationToken).ConfigureAwait(false);
            return TemplateTaintAnalyzer.Analyze(templates);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(chart.LocalPath, e.Message);
        }
    }

    /// <summary>The offline lookup: certificates and keys the chart generated are taken from the committed output when they still fit.</summary>
    private async Task<IReadOnlyList<Diagnostic>> CarryOverAsync(
        IReadOnlyList<ManifestDocument> documents, OutputStage outputStage, string outputPath, ChartTemplateScan scan, RenderRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<ManifestDocument> earlier;
        try
        {
            if (await outputStage.ExistingDocumentsAsync(cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return []; // the first render: nothing to carry over
            }

            earlier = found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return request.Mode == OutputMode.Check ? [] : [DiagnosticCatalog.CarryOverSourceUnreadable.Create(SourceLocation.InFile(outputPath), outputPath, e.GetType().Name)];
        }
        catch (DiagnosticException) when (request.Mode == OutputMode.Check)
        {
            // Check mode reports the unreadable file itself (TCR0008 with its position).
            return [];
        }
        catch (DiagnosticException e)
        {
            // Only the code and the line: the message could quote the file, and the file holds private keys.
            var where = e.Diagnostic.Line is { } line ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at line {line}") : string.Empty;
            return [DiagnosticCatalog.CarryOverSourceUnreadable.Create(SourceLocation.InFile(outputPath), outputPath, e.Diagnostic.Code + where)];
        }

        return GeneratedSecretCarryOver.Apply(documents, earlier, scan, environment.Time.GetUtcNow(), request.CertificateRenewalWindow);
    }

    private static IReadOnlyList<ManifestDocument> ParseHelmOutput(string text, RenderedChart chart) =>
        HelmOutputCheck.Objects(ReadHelmOutput(text, chart), text, chart);

    private static IReadOnlyList<ManifestDocument> ReadHelmOutput(string text, RenderedChart chart)
    {
        try
        {
            return YamlReader.ReadDocuments(text, origin: null);
        }
        catch (DiagnosticException e)
        {
            // helm's output is no file the user has, so the position goes into the message, with the template that
            // wrote the lines there (from helm's "# Source:" comment).
            var where = "helm's output";
            if (e.Diagnostic.Line is { } line)
            {
                var template = text.Split('\n').Take(line).LastOrDefault(l => l.StartsWith(SourceComment, StringComparison.Ordinal))?[SourceComment.Length..].TrimEnd('\r');
                where = string.Create(CultureInfo.InvariantCulture, $"line {line}, column {e.Diagnostic.Column} of {where}{(template is null ? string.Empty : $" (template {template})")}");
            }

            throw DiagnosticCatalog.HelmOutputInvalid.Exception($"{chart.Name} {chart.Version}", where, e.Diagnostic.Code, e.Diagnostic.Message);
        }
    }

    private static Task<IReadOnlyList<ManifestDocument>> ApplyKustomizationAsync(
        IReadOnlyList<ManifestDocument> documents, string kustomization, RenderRequest request, CancellationToken cancellationToken) =>
        KustomizationApplier.ApplyAsync(documents, kustomization, new KustomizeOptions { AllowUnmatchedPatches = request.AllowUnmatchedPatches }, cancellationToken);
}
