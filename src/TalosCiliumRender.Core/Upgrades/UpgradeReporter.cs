using TalosCiliumRender.Core.ChartValues;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Upgrades;

/// <summary>
/// Reports what an upgrade of a committed output to a target render means, before anyone commits it: the version step
/// and the upgrade guards, values the target chart no longer reads, chart defaults that change, the
/// <c>upgradeCompatibility</c> used, the resources that change, and API versions the target Cilium no longer serves.
/// Writes nothing; user errors come back as coded diagnostics, never as exceptions.
/// </summary>
/// <example>
/// <code>
/// var result = await new UpgradeReporter().ReportAsync(new UpgradeReportRequest
/// {
///     From = "cilium-manifests.yaml",
///     Target = new RenderRequest { Version = "1.19.6", ValuesFiles = ["values/prod.yaml"] },
/// }, cancellationToken);
/// if (result.Report is { Blocked: true }) { /* a guard, a removed value or a removed API version */ }
/// </code>
/// </example>
public sealed class UpgradeReporter
{
    private readonly RenderEnvironment _environment;

    /// <summary>Creates a reporter.</summary>
    /// <param name="environment">Environment variables, working folder and clock; the current process's when null.</param>
    public UpgradeReporter(RenderEnvironment? environment = null)
    {
        _environment = environment ?? RenderEnvironment.FromProcess();
    }

    /// <summary>Reports on the upgrade <paramref name="request"/> describes.</summary>
    /// <param name="request">The committed output and the target render.</param>
    /// <param name="cancellationToken">Stops helm and the work.</param>
    /// <returns>
    /// The report (<see cref="UpgradeReport.Blocked"/> says whether anything blocks the upgrade), or errors: TCR1104 no
    /// committed output at <see cref="UpgradeReportRequest.From"/>, TCR1105 the committed chart is not available,
    /// TCR1106 <see cref="UpgradeReportRequest.FromChart"/> is another chart, and whatever a render of the target reports.
    /// </returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<UpgradeReportResult> ReportAsync(UpgradeReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            return new UpgradeReportResult { Diagnostics = [e.Diagnostic] };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new UpgradeReportResult { Diagnostics = [DiagnosticCatalog.InternalError.Create($"{e.GetType().Name}: {e.Message}")] };
        }
    }

    private async Task<UpgradeReportResult> RunAsync(UpgradeReportRequest request, CancellationToken cancellationToken)
    {
        var from = request.From;
        if (string.IsNullOrWhiteSpace(from))
        {
            return Failed(DiagnosticCatalog.UpgradeReportNeedsOutput.Create("(none)", "is no path"));
        }

        var fullFrom = _environment.ResolvePath(from);
        if (!File.Exists(fullFrom) && !Directory.Exists(fullFrom))
        {
            return Failed(DiagnosticCatalog.UpgradeReportNeedsOutput.Create(SourceLocation.InFile(from), from, "does not exist"));
        }

        // A folder is the directory layout's output; a file keeps the layout the request names (file or talos).
        var layout = Directory.Exists(fullFrom) && request.Target.Layout == OutputLayout.File ? OutputLayout.Directory : request.Target.Layout;
        var target = request.Target with { OutputPath = from, Layout = layout, Mode = OutputMode.Check, Preflight = false };
        if (RequestValidator.Validate(target, valuesOnly: false, _environment) is { Count: > 0 } problems)
        {
            return new UpgradeReportResult { Diagnostics = problems };
        }

        var header = await new OutputStage(_environment, target).CommittedHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            return Failed(DiagnosticCatalog.UpgradeReportNeedsOutput.Create(SourceLocation.InFile(from), from, $"has no provenance header talos-cilium wrote (read as --layout {layout.ToString().ToLowerInvariant()})"));
        }

        var pipeline = new RenderPipeline(_environment);
        var diagnostics = new List<Diagnostic>();
        RenderedChart toChart;
        RenderedChart fromChart;
        UpgradeStep step;
        UpgradeCompatibilityUse compatibility;
        IReadOnlyList<UnknownValue> unknown;
        ChartValuesModel? committedModel;
        DefaultChanges defaults;
        string targetName;
        using (var inputs = await pipeline.PrepareAsync(target, header, trustRecords: false, cancellationToken).ConfigureAwait(false))
        {
            var chart = inputs.Chart;
            targetName = $"{chart.Metadata.Name} {chart.Metadata.Version}";
            toChart = chart.Rendered(inputs.Digest);
            var guards = inputs.UpgradeFindings.Where(d => d.IsError).ToArray();
            diagnostics.AddRange(inputs.UpgradeFindings.Where(d => !d.IsError));
            step = new UpgradeStep(StepKind(header, chart.Metadata.Name, chart.Metadata.Version), guards.Length == 0, guards);

            var layers = inputs.Composer.Layers(chart.Metadata.Name, chart.Metadata.Version);
            compatibility = CompatibilityOf(inputs, layers);

            // The preset is talos-cilium's: it follows the chart. The user's own choices (features, values files, --set) are checked.
            var chosen = layers.Where(l => l.IsUsers || l.Origin.StartsWith("feature ", StringComparison.Ordinal)).ToArray();
            unknown = ValuesCheck.UnknownValues(inputs.Model!.Keys, chosen);

            var targetFiles = inputs.ChartFiles ?? await ReadChartFilesAsync(chart.LocalPath, chart.Metadata.Name, cancellationToken).ConfigureAwait(false);
            var (committedSource, committedFiles) = await CommittedChartAsync(request, header, inputs, targetFiles, diagnostics, cancellationToken).ConfigureAwait(false);
            committedModel = await new ChartValuesCache(inputs.Cache!.Root).GetOrAnalyzeAsync(
                header.ChartDigest, _ => Task.FromResult(ChartValuesAnalyzer.Analyze(committedFiles)), cancellationToken).ConfigureAwait(false);
            defaults = ChartDefaults.Compare(
                ReadValues(committedFiles, $"{header.ChartName} {header.ChartVersion}"),
                ReadValues(targetFiles, targetName),
                layers,
                compatibility.Source == "recorded" ? [ChartUpgrade.UpgradeCompatibilityKey] : []);
            fromChart = new RenderedChart(header.ChartName, header.ChartVersion, header.ChartDigest, committedSource);
        }

        var removedValues = unknown.Select(u => new RemovedValue(
            u.Dotted, u.Layer.Origin, u.Suggestion, committedModel.Keys.Find(u.Path) is not null, u.ToDiagnostic(targetName, DiagnosticSeverity.Error))).ToArray();

        // The target in memory against the committed output, as 'render --check' compares it: the guards and the values
        // check are this report's own sections, so they do not stop the render here.
        var render = await pipeline.RenderAsync(
            target with { AllowMinorSkip = true, AllowDowngrade = true, AllowUnknownValues = true, Lint = false }, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in render.Diagnostics)
        {
            if (diagnostic.Code is DiagnosticCodes.UnknownValue or DiagnosticCodes.UpgradeCompatibilityAssumed
                || (diagnostic.Code == DiagnosticCodes.OutputStale && render.Differences.Count > 0))
            {
                continue; // reported in the report's own sections
            }

            // A frame that differs (file names, the Talos patch around the manifest) is worth a word, not a failure.
            diagnostics.Add(diagnostic.Code == DiagnosticCodes.OutputStale ? diagnostic with { Severity = DiagnosticSeverity.Warning } : diagnostic);
        }

        if (render.Manifest is null || diagnostics.Any(d => d.IsError))
        {
            return new UpgradeReportResult { Diagnostics = diagnostics };
        }

        var apiVersions = ChartVersion.LineOf(toChart.Version) is { } line && toChart.Name == ChartUpgrade.CiliumChart
            ? RemovedApiVersions.Find(YamlReader.ReadDocuments(render.Manifest, null), line)
            : [];
        var report = new UpgradeReport(fromChart, toChart, step, removedValues, defaults, compatibility, render.Differences, apiVersions);
        return new UpgradeReportResult { Report = report, Diagnostics = diagnostics };
    }

    private static UpgradeReportResult Failed(Diagnostic diagnostic) => new() { Diagnostics = [diagnostic] };

    /// <summary>The committed chart's files: <c>--from-chart</c>, the chart cache by the header's digest, or the target chart when it is the same.</summary>
    private async Task<(string Source, ChartSourceFiles Files)> CommittedChartAsync(
        UpgradeReportRequest request, ProvenanceHeader header, RenderPipeline.PreparedInputs inputs, ChartSourceFiles targetFiles,
        List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (request.FromChart is { } given)
        {
            var source = ChartSource.Parse(given, null, null, _environment);
            var path = _environment.ResolvePath(given);
            if (source.Kind != ChartSourceKind.Local || (!File.Exists(path) && !Directory.Exists(path)))
            {
                throw DiagnosticCatalog.ChartNotFound.Exception(given, "--from-chart must be a chart .tgz or folder on disk");
            }

            var metadata = ChartArchive.ReadMetadata(path);
            if (metadata.Name != header.ChartName || metadata.Version != header.ChartVersion)
            {
                throw DiagnosticCatalog.CommittedChartMismatch.Exception(given, metadata.Name, metadata.Version, request.From, header.ChartName, header.ChartVersion);
            }

            var resolved = new ResolvedChart(path, metadata, null, given, Downloaded: false, IsFolder: Directory.Exists(path));
            var digest = await resolved.ContentDigestAsync(cancellationToken).ConfigureAwait(false);
            if (digest != header.ChartDigest)
            {
                diagnostics.Add(DiagnosticCatalog.CommittedChartDigestDiffers.Create(given, metadata.Name, metadata.Version, digest, request.From, header.ChartDigest));
            }

            return (given, await ReadChartFilesAsync(path, header.ChartName, cancellationToken).ConfigureAwait(false));
        }

        if (inputs.Digest == header.ChartDigest)
        {
            return (inputs.Chart.Source, targetFiles);
        }

        var cache = inputs.Cache!;
        if (await cache.TryGetBlobAsync(header.ChartDigest, cancellationToken).ConfigureAwait(false) is { } blob)
        {
            return ("the chart cache", await ReadChartFilesAsync(blob, header.ChartName, cancellationToken).ConfigureAwait(false));
        }

        throw DiagnosticCatalog.CommittedChartUnavailable.Exception(
            SourceLocation.InFile(request.From), request.From, header.ChartName, header.ChartVersion, header.ChartDigest, cache.Root);
    }

    private static async Task<ChartSourceFiles> ReadChartFilesAsync(string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await ChartTemplateReader.ReadChartAsync(path, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(path, e.Message);
        }
    }

    private static YamlMappingNode ReadValues(ChartSourceFiles files, string chart) =>
        files.ValuesYaml is { } text ? YamlReader.ReadSingleMapping(text, $"values.yaml of chart {chart}", "Chart values file") : new YamlMappingNode();

    private static UpgradeCompatibilityUse CompatibilityOf(RenderPipeline.PreparedInputs inputs, IReadOnlyList<ValuesLayer> layers)
    {
        var plan = inputs.UpgradeCompatibility;
        var recorded = plan.Recorded?.ToString();
        if (plan.Injected is { } injected)
        {
            return new UpgradeCompatibilityUse(injected.ToString(), recorded, "recorded");
        }

        var userSets = layers.Any(l => l.Values.Children.ContainsKey(new YamlScalarNode(ChartUpgrade.UpgradeCompatibilityKey)));
        return userSets
            ? new UpgradeCompatibilityUse(inputs.Values.GetString(ChartUpgrade.UpgradeCompatibilityKey), recorded, "values")
            : new UpgradeCompatibilityUse(null, recorded, "none");
    }

    /// <summary>What kind of step the versions make (the guards decide whether it is allowed).</summary>
    private static string StepKind(ProvenanceHeader committed, string chartName, string chartVersion)
    {
        if (committed.ChartName != chartName)
        {
            return "other-chart";
        }

        if (ChartVersion.TryParse(committed.ChartVersion) is not { } from || ChartVersion.TryParse(chartVersion) is not { } to)
        {
            return "unversioned";
        }

        var order = ChartVersion.Precedence.Compare(to, from);
        return order < 0 ? "downgrade"
            : order == 0 ? "same"
            : to.Major != from.Major ? "major"
            : to.Minor == from.Minor ? "patch"
            : to.Minor == from.Minor + 1 ? "minor"
            : "minor-skip";
    }
}
