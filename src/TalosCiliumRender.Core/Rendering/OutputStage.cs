using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Lint;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// The end of a render: lay the final documents out, lint them, and write them, in that order, so that a lint
/// error (with <see cref="RenderRequest.LintAsErrors"/>) fails the render before anything is written. One stage per
/// render: it reads the existing output once, for the carry-over and for the comparison and write.
/// </summary>
internal sealed class OutputStage(RenderEnvironment environment, RenderRequest request)
{
    private readonly Layout _layout = Layout.For(LayoutOptionsOf(request));
    private ExistingOutput? _existing;

    /// <summary>The checks that need no chart, run before helm so a typo fails fast; every problem at once.</summary>
    /// <returns>TCR5001-TCR5004, or TCR0004 for an unknown layout or suppressed code; empty when there are none.</returns>
    public static IReadOnlyList<Diagnostic> Validate(RenderRequest request, bool valuesOnly)
    {
        return [.. Layout.Validate(LayoutOptionsOf(request), valuesOnly), .. LintEngine.SuppressionProblems(request.SuppressedLints)];
    }

    /// <summary>
    /// The Kubernetes documents of the existing output, for the carry-over of generated Secrets; null when there is no
    /// output path or nothing there yet.
    /// </summary>
    /// <exception cref="DiagnosticException">The output is not valid YAML, or too large.</exception>
    /// <exception cref="IOException">The output cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public async Task<IReadOnlyList<ManifestDocument>?> ExistingDocumentsAsync(CancellationToken cancellationToken) =>
        await ExistingAsync(cancellationToken).ConfigureAwait(false) is { } existing ? _layout.DocumentsOf(existing) : null;

    /// <summary>
    /// The provenance header of the existing output, in any layout (from the same one read as everything else), or
    /// <see langword="null"/> when there is no output path, nothing there, or no header this tool could have written.
    /// </summary>
    public async Task<ProvenanceHeader?> CommittedHeaderAsync(CancellationToken cancellationToken) =>
        await ExistingAsync(cancellationToken).ConfigureAwait(false) is { } existing ? ProvenanceHeader.TryParse(_layout.HeaderTextOf(existing)) : null;

    /// <summary>
    /// Lays out, lints and writes. <c>header</c> is the provenance header (YAML comment lines) that heads the output of
    /// every layout; <c>strict</c> names the rendered documents compared without the generated-certificate allowance:
    /// those the carry-over manages.
    /// </summary>
    public async Task<RenderResult> FinishAsync(
        IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, RenderResult result, List<Diagnostic> diagnostics,
        string header, Func<ManifestDocument, bool>? strict, CancellationToken cancellationToken)
    {
        var suppressed = LintEngine.ParseSuppressions(request.SuppressedLints);
        var line = ChartVersion.LineOf(result.Chart!.Version);
        var crds = line is { } l ? GatewayApiCrds.For(new Version(l.Major, l.Minor)) : null;
        var talos = TalosSettings(values, crds);
        var plan = _layout.Plan(documents, values, header, $"{result.Chart.Name} {result.Chart.Version}", talos);
        diagnostics.AddRange(plan.Diagnostics.Where(d => !suppressed.Contains(d.Code)));
        if (request.Lint)
        {
            var gatewayApi = line is { } minor
                ? new GatewayApiCrdFacts($"{minor.Major}.{minor.Minor}", crds?.Version, plan.TalosPatch is not null && talos.ExternalManifests.Count > 0)
                : null;
            diagnostics.AddRange(Lint(plan, documents, values, suppressed, gatewayApi));
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
            _layout.CheckTarget(target, request.Mode);
            files = _layout.FilesOf(plan, target.FullPath);
            if (target.IsStream)
            {
                // A device or pipe is only ever written to: reading a pipe would wait forever, and there is nothing to keep.
                status = await _layout.WriteAsync(plan, target, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var existing = (await ExistingAsync(cancellationToken).ConfigureAwait(false))!;
                if (request.Preflight && PreflightOutputGuard.AgentDaemonSet(ReadableDocumentsOf(existing)) is { } agent)
                {
                    diagnostics.Add(DiagnosticCatalog.PreflightWouldReplaceRender.Create(SourceLocation.InFile(outputPath), outputPath, agent));
                    return result;
                }

                var comparison = OutputComparison.Of(
                    _layout.ReadBack(plan, existing), documents, GeneratedMaterialAllowance.At(environment.Time.GetUtcNow(), strict), existing.DisplayPath);
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
                    status = comparison.UpToDate && _layout.HeaderIsCurrent(plan, existing)
                        ? OutputStatus.Unchanged
                        : await _layout.WriteAsync(plan, target, existing, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return result with { Manifest = plan.Manifest, TalosPatch = plan.TalosPatch, Output = status, OutputFiles = files, Differences = differences };
    }

    /// <summary>The existing output's documents for the pre-flight guard; what cannot be read holds no agent it could tell of.</summary>
    private IReadOnlyList<ManifestDocument>? ReadableDocumentsOf(ExistingOutput existing)
    {
        try
        {
            return _layout.DocumentsOf(existing);
        }
        catch (DiagnosticException)
        {
            // Not YAML (or too large): the comparison below treats it as it treats any such output.
            return null;
        }
    }

    /// <summary>
    /// What a Talos patch must say besides the CNI and kube-proxy: KubePrism on the port Cilium uses (when the preset
    /// points Cilium at KubePrism; written for the default port too, so the patch does not depend on the generated
    /// config keeping it on), and the Gateway API CRDs Cilium's operator needs, for the minors whose version is known.
    /// </summary>
    private TalosMachineSettings TalosSettings(YamlMappingNode values, GatewayApiCrds? crds)
    {
        var kubePrismPort = PresetCatalog.Get(request.Preset).UsesKubePrism ? (request.KubePrism ?? new KubePrismEndpoint()).Port : (int?)null;
        var gatewayOn = values.GetPath("gatewayAPI", "enabled") is YamlScalarNode { Value: { } enabled } && enabled.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        IReadOnlyList<TalosExternalManifest> manifests = gatewayOn && crds is { } known
            ? known.Manifests.Select(m => new TalosExternalManifest(m.Name, m.Url)).ToArray()
            : [];
        return new TalosMachineSettings(kubePrismPort, manifests);
    }

    private static LayoutOptions LayoutOptionsOf(RenderRequest request) =>
        new(request.Layout, request.OutputPath, request.TalosVersion, request.ReleaseName, request.Namespace);

    /// <summary>The one read of the existing output, made when first needed.</summary>
    private async Task<ExistingOutput?> ExistingAsync(CancellationToken cancellationToken)
    {
        if (_existing is null && request.OutputPath is { } outputPath)
        {
            // The path as OutputTarget resolves it, so the read and the write see the same place.
            _existing = await _layout.ReadExistingAsync(outputPath, Path.TrimEndingDirectorySeparator(environment.ResolvePath(outputPath)), cancellationToken).ConfigureAwait(false);
        }

        return _existing;
    }

    private IReadOnlyList<Diagnostic> Lint(OutputPlan plan, IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, IReadOnlySet<string> suppressed, GatewayApiCrdFacts? gatewayApi)
    {
        // The rules read the documents the plan wrote, in its order; the writer keeps every value (its round trip is
        // tested), so nothing it changes (styles, header comments) can hide a finding, and the output is not parsed again.
        var context = new LintContext(
            documents,
            values,
            request.KubePrism,
            plan.TalosDisablesKubeProxy,
            freshHelmRender: true,
            // Carried over from an existing output, the generated Secrets do not churn (after the first render).
            carryOverGeneratedSecrets: request.CarryOverGeneratedSecrets && request.OutputPath is not null,
            // The facts below are data, not the layout: any output that carries a Talos patch with the manifest sets them.
            talosInlineManifest: plan.TalosPatch is not null,
            talosDnsForwarding: TalosHostDns.Forwarding(request.TalosDnsForwarding, request.TalosVersion),
            gatewayApi: gatewayApi);
        return LintEngine.Run(context, suppressed, request.LintAsErrors, index => _layout.Locate(plan, index));
    }
}
