using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.GitOps;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// The companion manifests of a render for a GitOps controller that renders the chart itself: a Flux HelmRelease
/// (<see cref="RenderRequest.FluxHelmReleasePath"/>) and an Argo CD Application (<see cref="RenderRequest.ArgoCdApplicationPath"/>).
/// They are built before helm runs, from the same chart and values the render uses, so a problem with them (TCR5051)
/// stops the render before anything is written; they are written (or, in check mode, compared) after the render's own
/// output, only when the render succeeded.
/// </summary>
internal sealed class CompanionStage
{
    private const string FluxOption = "--flux-helmrelease (MSBuild: FluxHelmRelease)";
    private const string ArgoOption = "--argocd-application (MSBuild: ArgoCdApplication)";

    private readonly RenderEnvironment _environment;
    private readonly RenderRequest _request;
    private readonly string? _flux;
    private readonly string? _argo;

    private CompanionStage(RenderEnvironment environment, RenderRequest request, string? flux, string? argo)
    {
        _environment = environment;
        _request = request;
        _flux = flux;
        _argo = argo;
    }

    /// <summary>True when the request asks for a companion manifest.</summary>
    public static bool Requested(RenderRequest request) => request.FluxHelmReleasePath is not null || request.ArgoCdApplicationPath is not null;

    /// <summary>Every companion problem that can be seen without a file or helm (TCR5050, TCR5052-TCR5054, TCR0004).</summary>
    public static IReadOnlyList<Diagnostic> Validate(RenderRequest request, RenderEnvironment environment)
    {
        if (!Requested(request))
        {
            return [];
        }

        var problems = new List<Diagnostic>();
        var asked = Asked(request).ToList();
        ChartSource? source = null;
        try
        {
            source = ChartSource.ForRender(request.Chart, request.Repository, request.Version, environment);
        }
        catch (DiagnosticException)
        {
            // The chart options' own problem is reported by the request's chart check, or by the pipeline in its turn.
        }

        foreach (var (what, controller, option, _) in asked)
        {
            if (source is { Kind: ChartSourceKind.Local })
            {
                problems.Add(DiagnosticCatalog.GitOpsChartNotReferenceable.Create(what, request.Chart, controller, option));
            }
            else if (source is { Kind: ChartSourceKind.Repository } && Uri.TryCreate(source.Location, UriKind.Absolute, out var uri)
                && (uri.UserInfo.Length > 0 || uri.Query.Length > 0))
            {
                problems.Add(DiagnosticCatalog.GitOpsRepositoryCredentials.Create(source.Location, uri.UserInfo.Length > 0 ? "credentials (user:password@)" : "a query string", what));
            }

            if (request.Preflight)
            {
                problems.Add(DiagnosticCatalog.InvalidOption.Create(option, "with --preflight",
                    "the pre-flight check is applied with kubectl and deleted again before the upgrade, but a GitOps controller would keep it installed; ask for the companion manifests with the main render"));
            }
        }

        if (request.Kustomization is { } kustomization && request.ArgoCdApplicationPath is not null)
        {
            problems.Add(DiagnosticCatalog.ArgoCdKustomizationUnsupported.Create(kustomization));
        }

        problems.AddRange(PathConflicts(request, environment, asked));
        return problems;
    }

    /// <summary>Builds the requested companion manifests; <see langword="null"/> when none is requested.</summary>
    /// <exception cref="DiagnosticException">TCR5051, or the kustomization's own errors.</exception>
    public static async Task<CompanionStage?> PlanAsync(
        RenderRequest request, RenderEnvironment environment, RenderedChart chart, YamlMappingNode values, string valuesYaml,
        IReadOnlyList<string> apiVersions, CancellationToken cancellationToken)
    {
        if (!Requested(request))
        {
            return null;
        }

        var source = ChartSource.ForRender(request.Chart, request.Repository, request.Version, environment);
        var gitOpsChart = source.Kind == ChartSourceKind.Oci
            ? new GitOpsChart(source.Location[..source.Location.LastIndexOf('/')], chart.Name, chart.Version, IsOci: true)
            : new GitOpsChart(source.Location, chart.Name, chart.Version, IsOci: false);
        GitOpsRelease Release(string controller) => new(
            gitOpsChart, request.ReleaseName, request.Namespace, values, valuesYaml, request.KubeVersion, apiVersions,
            [
                $"Generated by talos-cilium {ProvenanceHeader.CurrentToolVersion} (TalosCiliumRender) for {controller}, which renders the chart itself. Do not edit: change the inputs and render again.",
                $"chart: {chart.Name} {chart.Version}{(chart.Digest is null ? string.Empty : " " + chart.Digest)} from {gitOpsChart.Reference}",
                $"values: {CanonicalValues.Digest(values)} (effective values, canonical form: those of the render)",
                $"release: {request.ReleaseName}, namespace {request.Namespace}",
            ]);

        string? flux = null;
        if (request.FluxHelmReleasePath is not null)
        {
            YamlMappingNode? kustomize = null;
            if (request.Kustomization is { } kustomization)
            {
                kustomize = await FluxPostRenderer.FromKustomizationAsync(environment.ResolvePath(kustomization), kustomization, cancellationToken).ConfigureAwait(false);
            }

            flux = FluxHelmRelease.Write(Release("Flux"), kustomize);
        }

        var argo = request.ArgoCdApplicationPath is null ? null : ArgoCdApplication.Write(Release("Argo CD"));
        return new CompanionStage(environment, request, flux, argo);
    }

    /// <summary>
    /// Writes the companion manifests after a successful render (atomically, untouched when unchanged), or in check mode
    /// compares them with the committed files (TCR0008 naming the file when stale).
    /// </summary>
    public async Task<RenderResult> FinishAsync(RenderResult result, CancellationToken cancellationToken)
    {
        var check = _request.Mode == OutputMode.Check;
        if (result.Manifest is null || (!check && !result.Succeeded))
        {
            return result;
        }

        var diagnostics = new List<Diagnostic>(result.Diagnostics);
        foreach (var (path, text) in new[] { (_request.FluxHelmReleasePath, _flux), (_request.ArgoCdApplicationPath, _argo) })
        {
            if (path is null || text is null)
            {
                continue;
            }

            try
            {
                var target = OutputTarget.Resolve(path, _environment.ResolvePath(path));
                if (target.Kind == OutputKind.Directory)
                {
                    throw DiagnosticCatalog.OutputPathIsFolder.Exception(SourceLocation.InFile(path), path);
                }

                if (check)
                {
                    if (await StaleAsync(target, text, cancellationToken).ConfigureAwait(false) is { } stale)
                    {
                        diagnostics.Add(stale);
                    }
                }
                else if (target.IsStream)
                {
                    await StreamOutput.WriteAsync(target, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await AtomicFile.WriteIfChangedAsync(path, target.PhysicalPath, text, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DiagnosticException e)
            {
                diagnostics.Add(e.Diagnostic);
            }
        }

        return result with { FluxHelmRelease = _flux, ArgoCdApplication = _argo, Diagnostics = diagnostics };
    }

    /// <summary>Why the committed companion at <paramref name="target"/> is not what the render gives, or null when it is (compared by YAML meaning).</summary>
    private static async Task<Diagnostic?> StaleAsync(OutputTarget target, string text, CancellationToken cancellationToken)
    {
        var path = target.DisplayPath;
        if (target.IsStream)
        {
            return DiagnosticCatalog.CheckNeedsCommittedOutput.Create(SourceLocation.InFile(path), path, target.Description);
        }

        if (target.Kind == OutputKind.Missing)
        {
            return ReadBackStale(path, "it does not exist");
        }

        IReadOnlyList<ManifestDocument> existing;
        try
        {
            existing = YamlReader.ReadDocuments(await InputFile.ReadTextAsync(target.PhysicalPath, path, SourceLocation.InFile(path), cancellationToken).ConfigureAwait(false), path);
        }
        catch (DiagnosticException e)
        {
            return ReadBackStale(path, $"it cannot be read as YAML ({e.Diagnostic.Code}: {e.Diagnostic.Message})");
        }

        var differences = ManifestDiff.Compare(existing, YamlReader.ReadDocuments(text, null), GeneratedMaterialPolicy.Exact);
        if (differences.Count == 0)
        {
            return null;
        }

        var summary = differences.Count == 1 ? "1 resource differs from a fresh render" : $"{differences.Count} resources differ from a fresh render";
        return DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(path), path, summary, ManifestDiff.Describe(differences));
    }

    private static Diagnostic ReadBackStale(string path, string why) =>
        DiagnosticCatalog.OutputStale.Create(SourceLocation.InFile(path), path, why, string.Empty);

    private static IEnumerable<(string What, string Controller, string Option, string Path)> Asked(RenderRequest request)
    {
        if (request.FluxHelmReleasePath is { } flux)
        {
            yield return ("A Flux HelmRelease (--flux-helmrelease)", "Flux", FluxOption, flux);
        }

        if (request.ArgoCdApplicationPath is { } argo)
        {
            yield return ("An Argo CD Application (--argocd-application)", "Argo CD", ArgoOption, argo);
        }
    }

    private static IEnumerable<Diagnostic> PathConflicts(RenderRequest request, RenderEnvironment environment, IReadOnlyList<(string What, string Controller, string Option, string Path)> asked)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string Full(string path) => Path.TrimEndingDirectorySeparator(environment.ResolvePath(path));
        var output = request.OutputPath is { } o ? Full(o) : null;
        foreach (var (what, _, _, path) in asked)
        {
            var full = Full(path);
            if (output is not null && string.Equals(full, output, comparison))
            {
                yield return DiagnosticCatalog.GitOpsCompanionPathConflict.Create(what, path, "is also the render's output");
            }
            else if (output is not null && request.Layout == OutputLayout.Directory && full.StartsWith(output + Path.DirectorySeparatorChar, comparison))
            {
                yield return DiagnosticCatalog.GitOpsCompanionPathConflict.Create(what, path, $"is inside the output folder '{request.OutputPath}', which the directory layout replaces as a whole");
            }
        }

        if (asked.Count == 2 && string.Equals(Full(asked[0].Path), Full(asked[1].Path), comparison))
        {
            yield return DiagnosticCatalog.GitOpsCompanionPathConflict.Create(asked[1].What, asked[1].Path, "is also the Flux HelmRelease's file");
        }
    }
}
