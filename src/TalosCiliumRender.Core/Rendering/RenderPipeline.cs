using System.Globalization;
using TalosCiliumRender.Core.ChartValues;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// One render, start to finish: check the request, find helm, resolve the chart, compose values, run
/// <c>helm template</c>, parse, patch, write. Failures surface as <see cref="DiagnosticException"/>, which
/// <see cref="ManifestRenderer"/> turns into a failed result.
/// </summary>
internal sealed class RenderPipeline(RenderEnvironment environment)
{
    private const string SourceComment = "# Source: ";

    /// <summary>The merged values a render would give helm, for the chart the request resolves to.</summary>
    public async Task<ValuesResult> ValuesAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        if (RequestValidator.Validate(request, valuesOnly: true, environment) is { Count: > 0 } problems)
        {
            return new ValuesResult { Diagnostics = problems };
        }

        // With an output path, the values are those a render into it would use (upgradeCompatibility from its header).
        var committed = await new OutputStage(environment, request).CommittedHeaderAsync(cancellationToken).ConfigureAwait(false);
        using var inputs = await PrepareAsync(request, committed, trustRecords: false, cancellationToken).ConfigureAwait(false);
        var chart = inputs.Chart.Rendered(inputs.Digest);
        return new ValuesResult { Chart = chart, EffectiveValues = inputs.ValuesYaml, HelmVersion = inputs.Helm.Tool.VersionText, Diagnostics = [.. inputs.UpgradeFindings, .. inputs.ValueFindings] };
    }

    public async Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await RenderAsync(request, trustRecords: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StaleDigestRecordException)
        {
            // The chart's bytes changed without its file identity changing, or a cached archive was damaged: the values
            // were checked against another chart's model. Nothing was written; render again from the bytes.
            return await RenderAsync(request, trustRecords: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="request">What to render.</param>
    /// <param name="trustRecords">
    /// Take the chart's digest from the cache's records without hashing the chart before helm starts; it is hashed while
    /// helm runs, and a digest that does not match throws <see cref="StaleDigestRecordException"/> before anything is written.
    /// </param>
    /// <param name="cancellationToken">Stops the render.</param>
    private async Task<RenderResult> RenderAsync(RenderRequest request, bool trustRecords, CancellationToken cancellationToken)
    {
        // Cheap checks of the user's own input come first, all at once, so a typo never waits for helm or a download.
        if (RequestValidator.Validate(request, valuesOnly: false, environment) is { Count: > 0 } problems)
        {
            return new RenderResult { Diagnostics = problems };
        }

        // The committed output's header is read first (the one read of the output, kept for the carry-over and the
        // write): the upgrade guards and upgradeCompatibility come from it and must be settled before helm runs.
        var outputStage = new OutputStage(environment, request);
        var committed = await outputStage.CommittedHeaderAsync(cancellationToken).ConfigureAwait(false);
        using var inputs = await PrepareAsync(request, committed, trustRecords, cancellationToken).ConfigureAwait(false);
        var (helm, chart, composer, values, valuesYaml, digest) = (inputs.Helm, inputs.Chart, inputs.Composer, inputs.Values, inputs.ValuesYaml, inputs.Digest);
        var named = Named(chart);
        if (inputs.UpgradeFindings.Concat(inputs.ValueFindings).Any(d => d.IsError))
        {
            // A skipped minor, a downgrade, or a value the chart never reads (a mistake helm would not mention): nothing
            // is rendered or written, in check mode too.
            return new RenderResult { Chart = chart.Rendered(digest), EffectiveValues = valuesYaml, HelmVersion = helm.Tool.VersionText, Diagnostics = [.. inputs.UpgradeFindings, .. inputs.ValueFindings] };
        }

        // Companion manifests for a GitOps controller carry the same chart and values; a kustomization Flux cannot
        // express stops the render here, before helm runs and before anything is written.
        var companions = await CompanionStage.PlanAsync(request, environment, chart.Rendered(digest), values, valuesYaml, composer.ApiVersions(request), cancellationToken).ConfigureAwait(false);
        var diagnostics = new List<Diagnostic>(inputs.UpgradeFindings.Concat(inputs.ValueFindings));
        var arguments = new HelmTemplateArguments(
            request.ReleaseName, chart.LocalPath, request.Namespace, valuesYaml, request.KubeVersion, composer.ApiVersions(request));

        // helm starts first (synchronously, inside TemplateAsync). The chart's template scan, the read of the committed
        // output and the load of the kustomization (its files, patches and the merge-key tables) need nothing from
        // helm, so they run while helm does. Their failures surface where they did when they ran after helm; when the
        // render fails first, they are stopped and waited for.
        var carryOver = request.CarryOverGeneratedSecrets;
        using var sideWork = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var templateTask = helm.TemplateAsync(arguments, cancellationToken);

        // A digest taken from a record is checked against the chart's bytes now; the scan waits for the check, so a
        // wrong record never files one chart's scan under another's digest.
        var verifyTask = inputs.DigestUnverified
            ? Task.Run(() => ConfirmDigestAsync(chart, digest, sideWork.Token), sideWork.Token)
            : Task.FromResult(digest);
        var scanTask = Task.Run(
            async () => await ScanTemplatesAsync(chart, await verifyTask.ConfigureAwait(false), inputs.ScanCache, inputs.ChartFiles, sideWork.Token).ConfigureAwait(false),
            sideWork.Token);
        var existingTask = carryOver && (request.OutputPath ?? request.TalosPatchPath) is not null
            ? Task.Run(() => outputStage.ExistingDocumentsAsync(sideWork.Token), sideWork.Token)
            : Task.FromResult<IReadOnlyList<ManifestDocument>?>(null);
        var memoTask = PrepareCarryOverAsync(existingTask, sideWork.Token);
        var kustomizeTask = request.Kustomization is { } kustomizationPath ? KustomizationApplier.PreloadAsync(environment.ResolvePath(kustomizationPath), sideWork.Token) : null;
        ChartTemplateScan scan;
        IReadOnlyList<ManifestDocument> documents;
        try
        {
            var output = await templateTask.ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(output.StandardError))
            {
                diagnostics.Add(DiagnosticCatalog.HelmWarning.Create(chart.Source, output.StandardError.Trim()));
            }

            documents = ParseHelmOutput(output.StandardOutput, named);

            // GitOps stability: a static scan of the templates says which documents hold generated content.
            scan = await scanTask.ConfigureAwait(false);
            if (NonIdempotencyGuard.Suspicious(documents, scan, carryOver).Count > 0)
            {
                var second = await helm.TemplateAsync(arguments, cancellationToken).ConfigureAwait(false);
                var severity = request.FailOnNonIdempotentOutput || request.Mode == OutputMode.Check ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                diagnostics.AddRange(NonIdempotencyGuard.Compare(documents, ParseHelmOutput(second.StandardOutput, named), scan, carryOver, severity));
            }

            if (kustomizeTask is not null)
            {
                documents = ApplyKustomization(documents, await kustomizeTask.ConfigureAwait(false), request, cancellationToken);
            }
        }
        catch
        {
            await sideWork.CancelAsync().ConfigureAwait(false);
            await DrainAsync(scanTask, existingTask, kustomizeTask ?? Task.CompletedTask, verifyTask, memoTask).ConfigureAwait(false);
            (await memoTask.ConfigureAwait(false))?.Dispose();
            throw;
        }

        if (carryOver && (request.OutputPath ?? request.TalosPatchPath) is { } existingOutput)
        {
            diagnostics.AddRange(await CarryOverAsync(documents, existingTask, memoTask, existingOutput, scan, request).ConfigureAwait(false));
        }

        var result = new RenderResult { Chart = chart.Rendered(digest), EffectiveValues = valuesYaml, HelmVersion = helm.Tool.VersionText };
        var header = new ProvenanceHeader(
            ProvenanceHeader.CurrentToolVersion, chart.Metadata.Name, chart.Metadata.Version,
            digest,
            CanonicalValues.Digest(values), request.ReleaseName, request.Namespace, request.KubeVersion, composer.ApiVersions(request),
            inputs.UpgradeCompatibility.Recorded?.ToString());

        // Documents the carry-over manages already hold the committed material wherever it still fits, so any
        // difference left in them is deliberate (a renewal, a replacement) and is compared strictly.
        Func<ManifestDocument, bool>? strict = carryOver ? d => GeneratedSecretCarryOver.IsGenerated(d, scan) : null;
        var finished = await outputStage.FinishAsync(documents, values, result, diagnostics, header.Text(), strict, cancellationToken).ConfigureAwait(false);
        return companions is null ? finished : await companions.FinishAsync(finished, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What both a render and a values run need: the values read, helm found, the chart resolved, the upgrade from the
    /// <paramref name="committed"/> output's chart checked, the values composed for it.
    /// </summary>
    /// <param name="request">What to render.</param>
    /// <param name="committed">The existing output's provenance header.</param>
    /// <param name="trustRecords">Take the chart's digest from the cache's records unchecked (<see cref="PreparedInputs.DigestUnverified"/>).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<PreparedInputs> PrepareAsync(RenderRequest request, ProvenanceHeader? committed, bool trustRecords, CancellationToken cancellationToken)
    {
        var composer = await ValuesComposer.PrepareAsync(request, environment, cancellationToken).ConfigureAwait(false);
        var source = ChartSource.ForRender(request.Chart, request.Repository, request.Version, environment);
        var cacheRoot = ChartCache.RootFor(request.ChartCacheDirectory, environment);
        var tool = await HelmLocator.LocateAsync(request.HelmPath, environment, request.Timeout, new HelmVersionCache(cacheRoot), cancellationToken).ConfigureAwait(false);
        var helm = new HelmCli(tool, request.Timeout, environment);
        try
        {
            var cache = new ChartCache(cacheRoot);
            var chart = await new ChartResolver(helm, cache).ResolveAsync(source, verifyCachedArchive: !trustRecords, cancellationToken).ConfigureAwait(false);
            var values = composer.Compose(chart.Metadata.Name, chart.Metadata.Version);
            var (upgrade, upgradeFindings) = PlanUpgrade(request, committed, chart, composer, values);

            // The values are checked against this chart before helm runs. What the chart reads is kept per content digest
            // (like its template scan), so local charts share the cache too: an edited chart is analysed again.
            var (digest, unverified) = await DigestAsync(chart, new ChartDigestRecords(cache.Root), trustRecords, cancellationToken).ConfigureAwait(false);
            var valuesCache = new ChartValuesCache(cache.Root);
            ChartSourceFiles? files = null;
            async Task<ChartValuesModel> AnalyzeAsync(CancellationToken token)
            {
                files = await ReadChartAsync(chart, c => ChartTemplateReader.ReadChartAsync(c.LocalPath, c.Metadata.Name, token)).ConfigureAwait(false);
                return ChartValuesAnalyzer.Analyze(files);
            }

            var model = unverified ? await valuesCache.TryGetAsync(digest, AnalyzeAsync, cancellationToken).ConfigureAwait(false) : null;
            if (unverified && model is null)
            {
                // No model for the claimed digest: the chart is read and analysed anyway, so it is hashed first, and a model
                // is only ever filed under the digest of the bytes analysed.
                await ConfirmDigestAsync(chart, digest, cancellationToken).ConfigureAwait(false);
                unverified = false;
            }

            model ??= await valuesCache.GetOrAnalyzeAsync(digest, AnalyzeAsync, cancellationToken).ConfigureAwait(false);
            var findings = await CheckValuesAsync(model, composer.Layers(chart.Metadata.Name, chart.Metadata.Version), values, Named(chart), request.AllowUnknownValues, cancellationToken).ConfigureAwait(false);
            if (unverified && findings.Any(f => f.IsError))
            {
                // A refusal stops the render before helm, so the model it came from must be this chart's.
                await ConfirmDigestAsync(chart, digest, cancellationToken).ConfigureAwait(false);
                unverified = false;
            }

            return new PreparedInputs(helm, chart, composer, values, YamlWriter.WriteNode(values), new TemplateScanCache(cache.Root), digest, files, findings)
            {
                DigestUnverified = unverified,
                UpgradeCompatibility = upgrade,
                UpgradeFindings = upgradeFindings,
                Model = model,
                Cache = cache,
            };
        }
        catch
        {
            helm.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The chart's content digest: the cache's (checked or not, as the resolve left it), a local archive's from its
    /// record when <paramref name="trustRecords"/> and its file identity is unchanged (unverified), else hashed now and
    /// remembered for the next render.
    /// </summary>
    private static async Task<(string Digest, bool Unverified)> DigestAsync(ResolvedChart chart, ChartDigestRecords records, bool trustRecords, CancellationToken cancellationToken)
    {
        if (chart.Digest is { } known)
        {
            return (known, chart.DigestUnverified);
        }

        var identity = chart.IsFolder ? null : FileIdentity.Of(chart.LocalPath);
        if (trustRecords && identity is not null && await records.TryReadAsync(identity, cancellationToken).ConfigureAwait(false) is { } remembered)
        {
            return (remembered, true);
        }

        var digest = await ReadChartAsync(chart, c => c.ContentDigestAsync(cancellationToken)).ConfigureAwait(false);

        // Remembered only when the file did not change while it was hashed.
        if (identity is not null && FileIdentity.Of(chart.LocalPath) == identity)
        {
            await records.TryWriteAsync(identity, digest, cancellationToken).ConfigureAwait(false);
        }

        return (digest, false);
    }

    /// <summary>Hashes the chart's bytes: <paramref name="claimed"/> when they match it.</summary>
    /// <exception cref="StaleDigestRecordException">They do not: the record that claimed it is stale.</exception>
    private static async Task<string> ConfirmDigestAsync(ResolvedChart chart, string claimed, CancellationToken cancellationToken) =>
        await ReadChartAsync(chart, c => c.ComputeContentDigestAsync(cancellationToken)).ConfigureAwait(false) == claimed
            ? claimed
            : throw new StaleDigestRecordException();

    /// <summary>The upgrade guards and upgradeCompatibility (set in <paramref name="values"/> when the render needs it).</summary>
    private static (UpgradeCompatibility Plan, IReadOnlyList<Diagnostic> Findings) PlanUpgrade(
        RenderRequest request, ProvenanceHeader? committed, ResolvedChart chart, ValuesComposer composer, YamlMappingNode values)
    {
        var (name, version) = (chart.Metadata.Name, chart.Metadata.Version);
        var plan = ChartUpgrade.Plan(committed, name, version, composer.Layers(name, version), values, request.OutputPath);
        ChartUpgrade.Apply(plan, values);
        return (plan, [.. ChartUpgrade.Check(committed, name, version, request.OutputPath ?? string.Empty, request.AllowMinorSkip, request.AllowDowngrade), .. plan.Diagnostics]);
    }

    private static string Named(ResolvedChart chart) => $"{chart.Metadata.Name} {chart.Metadata.Version}";

    /// <summary>The user's values against what the chart reads and its schema's types; warnings instead of errors when allowed.</summary>
    private static async Task<IReadOnlyList<Diagnostic>> CheckValuesAsync(
        ChartValuesModel model, IReadOnlyList<ValuesLayer> layers, YamlMappingNode values, string chart, bool allowUnknown, CancellationToken cancellationToken)
    {
        var severity = allowUnknown ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var findings = new List<Diagnostic>(ValuesCheck.UnknownKeys(model.Keys, layers, chart, severity));

        // The preset's and features' types are checked against every supported chart by the tests: the schema (the
        // costly part, ~150 KB for Cilium) is read only when the user sets values of their own.
        if (layers.Any(l => l.IsUsers) && await model.SchemaJsonAsync(cancellationToken).ConfigureAwait(false) is { } json && ValuesSchema.TryParse(json) is { } schema)
        {
            findings.AddRange(ValuesCheck.WrongTypes(schema, values, layers, chart, severity));
        }

        return findings;
    }

    /// <summary>Reads from the chart's files, turning a file-system failure into the coded error that names the chart.</summary>
    private static async Task<T> ReadChartAsync<T>(ResolvedChart chart, Func<ResolvedChart, Task<T>> read)
    {
        try
        {
            return await read(chart).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(chart.LocalPath, e.Message);
        }
    }

    /// <summary>The chart's template scan, from the scan cache if this chart's content was scanned before.</summary>
    private static Task<ChartTemplateScan> ScanTemplatesAsync(
        ResolvedChart chart, string digest, TemplateScanCache cache, ChartSourceFiles? files, CancellationToken cancellationToken)
    {
        return ReadChartAsync(chart, c => cache.GetOrScanAsync(digest, ScanAsync, cancellationToken));

        // The values analysis may have read the chart already (both caches missed): its templates are used again.
        async Task<ChartTemplateScan> ScanAsync(CancellationToken token)
        {
            var templates = files?.Templates ?? await ChartTemplateReader.ReadAsync(chart.LocalPath, chart.Metadata.Name, token).ConfigureAwait(false);
            return TemplateTaintAnalyzer.Analyze(templates);
        }
    }

    /// <summary>Waits for work a failed render no longer needs, so none of it outlives the render or goes unobserved.</summary>
    private static async Task DrainAsync(params Task[] work)
    {
        try
        {
            await Task.WhenAll(work).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The render's own failure is the one to report.
        }
    }

    /// <summary>
    /// The costly facts about the committed output's certificates and keys (loads, signatures), worked out while helm
    /// runs; null when there is no output, or it failed to read (reported where <paramref name="existing"/> is awaited).
    /// </summary>
    private static async Task<CarryOverMemo?> PrepareCarryOverAsync(Task<IReadOnlyList<ManifestDocument>?> existing, CancellationToken cancellationToken)
    {
        try
        {
            return await existing.ConfigureAwait(false) is { } earlier ? CarryOverMemo.Prepare(earlier, cancellationToken) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the carry-over works out what the memo lacks, and meets the same failure there
        }
    }

    /// <summary>The offline lookup: certificates and keys the chart generated are taken from the committed output when they still fit.</summary>
    private async Task<IReadOnlyList<Diagnostic>> CarryOverAsync(
        IReadOnlyList<ManifestDocument> documents, Task<IReadOnlyList<ManifestDocument>?> existing, Task<CarryOverMemo?> memoTask, string outputPath, ChartTemplateScan scan, RenderRequest request)
    {
        using var memo = await memoTask.ConfigureAwait(false);
        IReadOnlyList<ManifestDocument> earlier;
        try
        {
            if (await existing.ConfigureAwait(false) is not { } found)
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

        return GeneratedSecretCarryOver.Apply(documents, earlier, scan, environment.Time.GetUtcNow(), request.CertificateRenewalWindow, memo);
    }

    private static IReadOnlyList<ManifestDocument> ParseHelmOutput(string text, string chart) =>
        HelmOutputCheck.Objects(ReadHelmOutput(text, chart), text, chart);

    private static IReadOnlyList<ManifestDocument> ReadHelmOutput(string text, string chart)
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

            throw DiagnosticCatalog.HelmOutputInvalid.Exception(chart, where, e.Diagnostic.Code, e.Diagnostic.Message);
        }
    }

    private static IReadOnlyList<ManifestDocument> ApplyKustomization(
        IReadOnlyList<ManifestDocument> documents, PreparedKustomization kustomization, RenderRequest request, CancellationToken cancellationToken) =>
        KustomizationApplier.Apply(documents, kustomization, new KustomizeOptions { AllowUnmatchedPatches = request.AllowUnmatchedPatches }, cancellationToken);

    /// <summary>A digest taken from a record does not match the chart's bytes: the render starts again without records.</summary>
    private sealed class StaleDigestRecordException : Exception;

    /// <summary>The resolved inputs of one run; owns the helm home, which disposing removes.</summary>
    internal sealed class PreparedInputs(
        HelmCli helm, ResolvedChart chart, ValuesComposer composer, YamlMappingNode values, string valuesYaml, TemplateScanCache scanCache,
        string digest, ChartSourceFiles? chartFiles, IReadOnlyList<Diagnostic> valueFindings) : IDisposable
    {
        /// <summary>The chart's content digest.</summary>
        public string Digest { get; } = digest;

        /// <summary>True when <see cref="Digest"/> comes from a record not checked against the chart's bytes in this run.</summary>
        public bool DigestUnverified { get; init; }

        /// <summary>The chart's files, when the values analysis had to read them (null on a cache hit).</summary>
        public ChartSourceFiles? ChartFiles { get; } = chartFiles;

        /// <summary>The first Cilium minor of the output and the upgradeCompatibility set from it.</summary>
        public UpgradeCompatibility UpgradeCompatibility { get; init; } = new(null, null, []);

        /// <summary>The upgrade guards' errors (TCR1101, TCR1102) and TCR1103: errors stop the run before helm.</summary>
        public IReadOnlyList<Diagnostic> UpgradeFindings { get; init; } = [];

        /// <summary>What the values check found: errors stop the run before helm, warnings go with the result.</summary>
        public IReadOnlyList<Diagnostic> ValueFindings { get; } = valueFindings;

        /// <summary>What the chart reads (the values check's model).</summary>
        public ChartValuesModel? Model { get; init; }

        /// <summary>The chart cache this run resolved the chart from.</summary>
        public ChartCache? Cache { get; init; }

        /// <summary>Where this chart's template scan is kept.</summary>
        public TemplateScanCache ScanCache { get; } = scanCache;

        public HelmCli Helm { get; } = helm;

        public ResolvedChart Chart { get; } = chart;

        public ValuesComposer Composer { get; } = composer;

        public YamlMappingNode Values { get; } = values;

        public string ValuesYaml { get; } = valuesYaml;

        public void Dispose() => Helm.Dispose();
    }
}
