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
    private readonly Layout? _patchLayout = PatchOptionsOf(request) is { } patch ? Layout.For(patch) : null;
    private ExistingOutput? _existing;
    private ExistingOutput? _patchExisting;

    /// <summary>The checks that need no chart, run before helm so a typo fails fast; every problem at once.</summary>
    /// <returns>TCR5001-TCR5004, or TCR0004 for an unknown layout or suppressed code; empty when there are none.</returns>
    public static IReadOnlyList<Diagnostic> Validate(RenderRequest request, bool valuesOnly)
    {
        var patch = valuesOnly ? null : PatchOptionsOf(request);
        return
        [
            .. Layout.Validate(LayoutOptionsOf(request), valuesOnly),
            .. patch is null ? [] : Layout.Validate(patch, valuesOnly),
            .. LintEngine.SuppressionProblems(request.SuppressedLints),
        ];
    }

    /// <summary>
    /// The Kubernetes documents of the existing output, for the carry-over of generated Secrets: the main output's, or
    /// when it does not exist yet the Talos patch's (<see cref="RenderRequest.TalosPatchPath"/>); null when neither exists.
    /// </summary>
    /// <exception cref="DiagnosticException">The output is not valid YAML, or too large.</exception>
    /// <exception cref="IOException">The output cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public async Task<IReadOnlyList<ManifestDocument>?> ExistingDocumentsAsync(CancellationToken cancellationToken) =>
        await ExistingAsync(cancellationToken).ConfigureAwait(false) is { } existing && _layout.DocumentsOf(existing) is { } documents
            ? documents
            : await ExistingPatchDocumentsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A warning when the main output and the Talos patch both exist and hold different Secrets: the main output's were
    /// carried over (see <see cref="ExistingDocumentsAsync"/>), so the patch is rewritten with them.
    /// </summary>
    public async Task<Diagnostic?> DisagreementAsync(CancellationToken cancellationToken)
    {
        if (_patchLayout is null || request.OutputPath is not { } outputPath || request.TalosPatchPath is not { } patchPath)
        {
            return null;
        }

        try
        {
            var main = await ExistingAsync(cancellationToken).ConfigureAwait(false) is { } existing ? _layout.DocumentsOf(existing) : null;
            var patch = await ExistingPatchDocumentsAsync(cancellationToken).ConfigureAwait(false);
            if (main is null || patch is null)
            {
                return null;
            }

            var differing = Secrets(main)
                .Where(m => Secrets(patch).FirstOrDefault(p => p.Identity == m.Identity) is { } other && !YamlEquivalence.AreEquivalent(m.Data, other.Data))
                .Select(m => m.Identity)
                .ToArray();
            return differing.Length == 0 ? null : DiagnosticCatalog.OutputsDisagree.Create(SourceLocation.InFile(patchPath), outputPath, patchPath, string.Join(", ", differing));
        }
        catch (Exception e) when (e is DiagnosticException or IOException or UnauthorizedAccessException)
        {
            return null; // what cannot be read is reported where it is compared
        }

        static IEnumerable<(string Identity, YamlNode? Data)> Secrets(IReadOnlyList<ManifestDocument> documents) =>
            documents.Select(d => d.Mapping).OfType<YamlMappingNode>()
                .Where(m => m.GetString("kind") == "Secret")
                .Select(m => ($"Secret {(m.GetPath("metadata", "namespace") as YamlScalarNode)?.Value}/{(m.GetPath("metadata", "name") as YamlScalarNode)?.Value}", m.Get("data")));
    }

    private async Task<IReadOnlyList<ManifestDocument>?> ExistingPatchDocumentsAsync(CancellationToken cancellationToken)
    {
        if (_patchLayout is null || request.TalosPatchPath is not { } patchPath)
        {
            return null;
        }

        _patchExisting ??= await _patchLayout.ReadExistingAsync(patchPath, Path.TrimEndingDirectorySeparator(environment.ResolvePath(patchPath)), cancellationToken).ConfigureAwait(false);
        return _patchLayout.DocumentsOf(_patchExisting);
    }

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
        var patchPlan = _patchLayout?.Plan(documents, values, header, $"{result.Chart.Name} {result.Chart.Version}", talos);
        diagnostics.AddRange(plan.Diagnostics.Where(d => !suppressed.Contains(d.Code)));
        if (request.Lint)
        {
            var patched = plan.TalosPatch is not null || patchPlan?.TalosPatch is not null;
            var gatewayApi = line is { } minor
                ? new GatewayApiCrdFacts($"{minor.Major}.{minor.Minor}", crds?.Version, patched && talos.ExternalManifests.Count > 0)
                : null;
            diagnostics.AddRange(Lint(plan, patchPlan, documents, values, suppressed, gatewayApi));
        }

        result = result with { ResourceCount = documents.Count, Diagnostics = diagnostics };
        if (diagnostics.Any(d => d.IsError))
        {
            return result;
        }

        if (patchPlan is not null)
        {
            diagnostics.AddRange(patchPlan.Diagnostics.Where(d => !suppressed.Contains(d.Code)));
        }

        if (await DisagreementAsync(cancellationToken).ConfigureAwait(false) is { } disagreement)
        {
            diagnostics.Add(disagreement);
        }

        // Both outputs are compared before either is written, so a problem with one (a pre-flight guard, a path that
        // cannot be written to) leaves both as they were.
        var outputs = new List<PreparedOutput>();
        if (request.OutputPath is { } outputPath)
        {
            if (await PrepareAsync(_layout, plan, documents, outputPath, () => ExistingAsync(cancellationToken), strict, diagnostics).ConfigureAwait(false) is not { } main)
            {
                return result;
            }

            outputs.Add(main);
        }

        if (_patchLayout is not null && patchPlan is not null && request.TalosPatchPath is { } patchPath)
        {
            var patch = await PrepareAsync(_patchLayout, patchPlan, documents, patchPath, async () => _patchExisting ?? await ReadPatchAsync(patchPath, cancellationToken).ConfigureAwait(false), strict, diagnostics).ConfigureAwait(false);
            outputs.Add(patch!);
        }

        var statuses = new List<OutputStatus>();
        foreach (var output in outputs)
        {
            statuses.Add(await CompleteAsync(output, diagnostics, cancellationToken).ConfigureAwait(false));
        }

        var status = statuses.Count == 0 ? OutputStatus.NotRequested
            : statuses.Contains(OutputStatus.Stale) ? OutputStatus.Stale
            : statuses.Contains(OutputStatus.Written) ? OutputStatus.Written
            : statuses[0];
        var files = outputs.SelectMany(o => o.Files).ToArray();
        var differences = outputs.SelectMany(o => o.Differences).ToArray();
        return result with { Manifest = plan.Manifest, TalosPatch = plan.TalosPatch ?? patchPlan?.TalosPatch, Output = status, OutputFiles = files, Differences = differences };
    }

    /// <summary>Resolves one output and compares it with what is there; null when the render must stop (a diagnostic says why).</summary>
    private async Task<PreparedOutput?> PrepareAsync(
        Layout layout, OutputPlan plan, IReadOnlyList<ManifestDocument> documents, string outputPath, Func<Task<ExistingOutput?>> read, Func<ManifestDocument, bool>? strict, List<Diagnostic> diagnostics)
    {
        var target = OutputTarget.Resolve(outputPath, environment.ResolvePath(outputPath));
        layout.CheckTarget(target, request.Mode);
        var files = layout.FilesOf(plan, target.FullPath);
        if (target.IsStream)
        {
            // A device or pipe is only ever written to: reading a pipe would wait forever, and there is nothing to keep.
            return new PreparedOutput(layout, plan, outputPath, target, null, null, files);
        }

        var existing = (await read().ConfigureAwait(false))!;
        if (request.Preflight && PreflightOutputGuard.AgentDaemonSet(ReadableDocumentsOf(layout, existing)) is { } agent)
        {
            diagnostics.Add(DiagnosticCatalog.PreflightWouldReplaceRender.Create(SourceLocation.InFile(outputPath), outputPath, agent));
            return null;
        }

        var comparison = OutputComparison.Of(
            layout.ReadBack(plan, existing), documents, GeneratedMaterialAllowance.At(environment.Time.GetUtcNow(), strict), existing.DisplayPath);
        return new PreparedOutput(layout, plan, outputPath, target, existing, comparison, files);
    }

    /// <summary>Checks or writes one prepared output.</summary>
    private async Task<OutputStatus> CompleteAsync(PreparedOutput output, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var (layout, plan, target, existing, comparison) = (output.Layout, output.Plan, output.Target, output.Existing, output.Comparison);
        if (existing is null || comparison is null)
        {
            return await layout.WriteAsync(plan, target, null, cancellationToken).ConfigureAwait(false);
        }

        if (request.Mode == OutputMode.Check)
        {
            if (!comparison.UpToDate)
            {
                diagnostics.Add(comparison.StaleDiagnostic(output.Path));
            }

            return comparison.UpToDate ? OutputStatus.UpToDate : OutputStatus.Stale;
        }

        // An output that check mode would accept stays as it is: otherwise every render would rewrite it with
        // freshly generated certificates, and git would show a change nobody made. Its provenance header must
        // still be current, though, or it would name a tool version or inputs that did not make it.
        return comparison.UpToDate && layout.HeaderIsCurrent(plan, existing)
            ? OutputStatus.Unchanged
            : await layout.WriteAsync(plan, target, existing, cancellationToken).ConfigureAwait(false);
    }

    private Task<ExistingOutput> ReadPatchAsync(string patchPath, CancellationToken cancellationToken) =>
        _patchLayout!.ReadExistingAsync(patchPath, Path.TrimEndingDirectorySeparator(environment.ResolvePath(patchPath)), cancellationToken);

    /// <summary>The existing output's documents for the pre-flight guard; what cannot be read holds no agent it could tell of.</summary>
    private static IReadOnlyList<ManifestDocument>? ReadableDocumentsOf(Layout layout, ExistingOutput existing)
    {
        try
        {
            return layout.DocumentsOf(existing);
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

    /// <summary>The Talos patch written beside the main output, when one is asked for (not when the main output is the patch).</summary>
    private static LayoutOptions? PatchOptionsOf(RenderRequest request) =>
        request.TalosPatchPath is { } patch && request.Layout != OutputLayout.Talos
            ? new(OutputLayout.Talos, patch, request.TalosVersion, request.ReleaseName, request.Namespace)
            : null;

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

    private IReadOnlyList<Diagnostic> Lint(
        OutputPlan plan, OutputPlan? patchPlan, IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, IReadOnlySet<string> suppressed, GatewayApiCrdFacts? gatewayApi)
    {
        // The rules read the documents the plan wrote, in its order; the writer keeps every value (its round trip is
        // tested), so nothing it changes (styles, header comments) can hide a finding, and the output is not parsed again.
        var context = new LintContext(
            documents,
            values,
            request.KubePrism,
            plan.TalosDisablesKubeProxy ?? patchPlan?.TalosDisablesKubeProxy,
            freshHelmRender: true,
            // Carried over from an existing output, the generated Secrets do not churn (after the first render).
            carryOverGeneratedSecrets: request.CarryOverGeneratedSecrets && (request.OutputPath ?? request.TalosPatchPath) is not null,
            // The facts below are data, not the layout: any output that carries a Talos patch with the manifest sets them
            // (the talos layout, or the patch written beside another layout).
            talosInlineManifest: plan.TalosPatch is not null || patchPlan?.TalosPatch is not null,
            talosDnsForwarding: TalosHostDns.Forwarding(request.TalosDnsForwarding, request.TalosVersion),
            gatewayApi: gatewayApi);
        return LintEngine.Run(context, suppressed, request.LintAsErrors, index => _layout.Locate(plan, index));
    }

    /// <summary>One output resolved and compared, ready to be checked or written.</summary>
    private sealed record PreparedOutput(
        Layout Layout, OutputPlan Plan, string Path, OutputTarget Target, ExistingOutput? Existing, OutputComparison? Comparison, IReadOnlyList<string> Files)
    {
        public IReadOnlyList<ResourceDifference> Differences => Comparison?.Differences ?? [];
    }
}
