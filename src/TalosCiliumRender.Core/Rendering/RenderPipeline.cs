using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// One render, start to finish: check the request, find helm, resolve the chart, compose values, run
/// <c>helm template</c>, parse, patch, write. Failures surface as <see cref="DiagnosticException"/>, which
/// <see cref="ManifestRenderer"/> turns into a failed result.
/// </summary>
internal sealed class RenderPipeline(RenderEnvironment environment)
{
    public async Task<RenderResult> RunAsync(RenderRequest request, bool valuesOnly, CancellationToken cancellationToken)
    {
        // Cheap checks of the user's own input come first, so a typo never waits for helm or a download.
        if (request.Mode == OutputMode.Check && request.OutputPath is null && !valuesOnly)
        {
            throw DiagnosticCatalog.InvalidOption.Exception("check mode", "no output path", "check mode compares the render with a file: name it (--output, MSBuild: TalosCiliumRenderOutputPath)");
        }

        OutputStage.Validate(request, valuesOnly);
        var composer = await ValuesComposer.PrepareAsync(request, environment, cancellationToken).ConfigureAwait(false);
        var source = ChartSource.Parse(request.Chart, request.Repository, request.Version ?? RenderRequest.DefaultChartVersion, environment);
        if (source.Kind == ChartSourceKind.Local && request.Version is null)
        {
            // A local chart is whatever version it is; the default only picks a version from a repository.
            source = source with { Version = null };
        }

        var tool = await HelmLocator.LocateAsync(request.HelmPath, environment, cancellationToken).ConfigureAwait(false);
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
        var workDirectory = Directory.CreateTempSubdirectory("talos-cilium-render-");
        HelmResult output;
        try
        {
            var valuesFile = Path.Combine(workDirectory.FullName, "values.yaml");
            await File.WriteAllTextAsync(valuesFile, valuesYaml, cancellationToken).ConfigureAwait(false);
            var arguments = new HelmTemplateArguments(
                request.ReleaseName, chart.LocalPath, request.Namespace, valuesFile, request.KubeVersion, composer.ApiVersions(request));
            output = await helm.TemplateAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }

        if (!string.IsNullOrWhiteSpace(output.StandardError))
        {
            diagnostics.Add(DiagnosticCatalog.HelmWarning.Create(chart.Source, output.StandardError.Trim()));
        }

        var documents = ParseHelmOutput(output.StandardOutput, renderedChart);
        if (request.Kustomization is { } kustomization)
        {
            documents = await ApplyKustomizationAsync(documents, environment.ResolvePath(kustomization), request, cancellationToken).ConfigureAwait(false);
        }

        return await new OutputStage(environment).FinishAsync(request, documents, values, result, diagnostics, cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<ManifestDocument> ParseHelmOutput(string text, RenderedChart chart)
    {
        try
        {
            return YamlReader.ReadDocuments(text, origin: null);
        }
        catch (DiagnosticException e)
        {
            throw DiagnosticCatalog.HelmOutputInvalid.Exception($"{chart.Name} {chart.Version}", e.Diagnostic.Message);
        }
    }

    private static Task<IReadOnlyList<ManifestDocument>> ApplyKustomizationAsync(
        IReadOnlyList<ManifestDocument> documents, string kustomization, RenderRequest request, CancellationToken cancellationToken) =>
        KustomizationApplier.ApplyAsync(documents, kustomization, new KustomizeOptions { AllowUnmatchedPatches = request.AllowUnmatchedPatches }, cancellationToken);
}
