namespace TalosCiliumRender.Core.Diagnostics;

/// <summary>
/// Every diagnostic the tool can report. Codes are stable: a code is never reused for another meaning. Internal so that
/// only the library mints diagnostics and a new code does not change the public API; library users match codes with
/// <see cref="DiagnosticCodes"/>, which holds one constant per entry here (a test keeps the two in step).
/// Ranges: TCR0xxx configuration and MSBuild, TCR1xxx helm and charts (TCR1100-TCR1149: chart upgrades), TCR2xxx patch engine,
/// TCR3xxx YAML, TCR4001-TCR4049 GitOps-stable output (carried-over generated Secrets, non-idempotent
/// templates), TCR5001-TCR5049 output layouts and Talos machine config, TCR5050-TCR5069 companion manifests for GitOps controllers, TCR6001-TCR6049 Talos lint rules
/// (warnings that <see cref="RenderRequest.SuppressedLints"/> can silence), TCR9xxx internal.
/// </summary>
internal static class DiagnosticCatalog
{
    // ---- TCR0xxx: configuration ----

    /// <summary>The MSBuild running the task cannot host it.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMSBuild = new("TCR0001", DiagnosticSeverity.Error,
        "MSBuild cannot host the task",
        "{0}");

    /// <summary>The preset name is not known.</summary>
    public static readonly DiagnosticDescriptor UnknownPreset = new("TCR0002", DiagnosticSeverity.Error,
        "Unknown preset",
        "Unknown preset '{0}'. Use one of: {1}.");

    /// <summary>A feature name is not known.</summary>
    public static readonly DiagnosticDescriptor UnknownFeature = new("TCR0003", DiagnosticSeverity.Error,
        "Unknown feature",
        "Unknown feature '{0}'. Use one of: {1}.");

    /// <summary>An option has a value that cannot be used.</summary>
    public static readonly DiagnosticDescriptor InvalidOption = new("TCR0004", DiagnosticSeverity.Error,
        "Invalid option value",
        "Invalid value '{1}' for {0}: {2}");

    /// <summary>The preset has no values for the chart's Cilium version.</summary>
    public static readonly DiagnosticDescriptor PresetNotAvailable = new("TCR0005", DiagnosticSeverity.Error,
        "Preset not available for this Cilium version",
        "Preset '{0}' has no values for Cilium {1} (chart '{2}'); it supports Cilium {3}. Use a supported chart version, or preset 'none' and your own values files.");

    /// <summary>A values file does not exist.</summary>
    public static readonly DiagnosticDescriptor ValuesFileNotFound = new("TCR0006", DiagnosticSeverity.Error,
        "Values file not found",
        "Values file '{0}' does not exist. Check the path (relative paths are resolved against '{1}').");

    /// <summary>The output could not be written.</summary>
    public static readonly DiagnosticDescriptor OutputWriteFailed = new("TCR0007", DiagnosticSeverity.Error,
        "Output could not be written",
        "Could not write '{0}': {1}. Check that the folder exists and is writable and that the disk has space; the previous file, if any, is unchanged.");

    /// <summary>A committed output differs from a fresh render (check mode).</summary>
    public static readonly DiagnosticDescriptor OutputStale = new("TCR0008", DiagnosticSeverity.Error,
        "Committed output is stale",
        "'{0}' is out of date: {1}. Render it in Write mode (without --check or TalosCiliumRenderMode=Check) and commit the result.{2}");

    /// <summary>Two renders of one build write the same file.</summary>
    public static readonly DiagnosticDescriptor DuplicateOutput = new("TCR0009", DiagnosticSeverity.Error,
        "Two renders write the same file",
        "'{0}' is the output of more than one render ({1}). Give each TalosCiliumRender item its own output path.");

    /// <summary>Check mode was pointed at a device, pipe, socket or stdout, which hold no committed output to compare.</summary>
    public static readonly DiagnosticDescriptor CheckNeedsCommittedOutput = new("TCR0010", DiagnosticSeverity.Error,
        "Check mode needs a file or folder",
        "Check mode compares the render with a committed output, but '{0}' is {1}, which is never read. Name the committed file (or folder) with --output (MSBuild: TalosCiliumRenderOutputPath).");

    /// <summary>The symbolic links of the output path cannot be followed.</summary>
    public static readonly DiagnosticDescriptor OutputLinkUnresolvable = new("TCR0011", DiagnosticSeverity.Error,
        "Output link cannot be followed",
        "Could not follow the symbolic link '{0}': {1}. Point the link, or --output (MSBuild: TalosCiliumRenderOutputPath), at a file or folder; nothing was written.");

    // ---- TCR0020-TCR0024: --set and the values file helm is given ----

    /// <summary>A <c>--set</c> argument that helm's own <c>--set</c> parser rejects.</summary>
    public static readonly DiagnosticDescriptor SetExpressionInvalid = new("TCR0020", DiagnosticSeverity.Error,
        "Invalid --set expression",
        "--set '{0}' is not valid: {1}. helm's syntax is key=value, several separated by commas, key.child for maps, key[0] for list items, {{a,b}} for a list, and \\ before a character to take it literally (for example --set nodeSelector.kubernetes\\.io/os=linux).");

    /// <summary>A <c>--set</c> integer that helm's values file reader cannot carry exactly.</summary>
    public static readonly DiagnosticDescriptor SetIntegerNotExact = new("TCR0021", DiagnosticSeverity.Error,
        "--set integer beyond 2^53",
        "--set '{0}': the integer {1} reaches helm through a values file, which helm reads as a 64-bit float, so the chart would get {2}. Use a value within ±9007199254740992, or give it as a string in a values file (key: \"{1}\") if the chart takes text.");

    /// <summary>An input file that must be UTF-8 (a values file) is not.</summary>
    public static readonly DiagnosticDescriptor FileNotUtf8 = new("TCR0022", DiagnosticSeverity.Error,
        "File is not valid UTF-8",
        "'{0}' is not valid UTF-8: the byte 0x{2:X2} at byte offset {1} does not start a valid UTF-8 sequence, and helm rejects such a file. Save it as UTF-8 (for example: iconv -f LATIN1 -t UTF-8).");

    // ---- TCR0030-TCR0039: the command line and the edges of a run ----

    /// <summary>The command line could not be parsed: an unknown option, a missing argument, a value of the wrong kind.</summary>
    public static readonly DiagnosticDescriptor CommandLineInvalid = new("TCR0030", DiagnosticSeverity.Error,
        "Command line not understood",
        "{0} Run 'talos-cilium {1}--help' for the options.");

    /// <summary>The run was stopped by a signal (Ctrl+C, SIGTERM) before it finished.</summary>
    public static readonly DiagnosticDescriptor Cancelled = new("TCR0031", DiagnosticSeverity.Error,
        "Cancelled",
        "Cancelled by {0}: helm was stopped, temporary files were removed and nothing was written; an existing output is unchanged.");

    /// <summary>A values file names a folder.</summary>
    public static readonly DiagnosticDescriptor ValuesFileIsFolder = new("TCR0032", DiagnosticSeverity.Error,
        "Values file is a folder",
        "Values file '{0}' is a folder, not a file. Name a YAML file (helm's -f takes files only), for example '{0}/values.yaml'.");

    /// <summary>A manifest given to diff holds no Kubernetes object, or a document that is not one.</summary>
    public static readonly DiagnosticDescriptor NotAManifest = new("TCR0033", DiagnosticSeverity.Error,
        "Not a Kubernetes manifest",
        "'{0}' is not a Kubernetes manifest: {1}. diff compares manifests: YAML documents that are mappings with apiVersion, kind and metadata.name, such as a render's output file or folder.");

    // ---- end of TCR0030-TCR0039 ----

    // ---- TCR0040-TCR0049: upgrades ----

    /// <summary>A pre-flight render would replace an output that holds the Cilium agent (the main render).</summary>
    public static readonly DiagnosticDescriptor PreflightWouldReplaceRender = new("TCR0040", DiagnosticSeverity.Error,
        "Pre-flight render would replace the Cilium render",
        "'{0}' holds Cilium's agent (DaemonSet '{1}'), so it is the main render, which a pre-flight render would replace. The pre-flight check is applied, waited for and deleted before the upgrade: give it its own output (--output cilium-preflight.yaml; MSBuild: a TalosCiliumRender item of its own with Preflight=true). Nothing was written.");

    // ---- TCR0100-TCR0149: values checked against the chart ----

    /// <summary>A value is set that the chart never reads.</summary>
    public static readonly DiagnosticDescriptor UnknownValue = new("TCR0101", DiagnosticSeverity.Error,
        "Value not read by the chart",
        "'{0}', set in {1}, is not a value chart {2} reads, so it would have no effect. {3}Correct or remove it; --allow-unknown-values (MSBuild: TalosCiliumRenderAllowUnknownValues) renders anyway and reports it as a warning.");

    /// <summary>A value has a type the chart's values.schema.json does not allow.</summary>
    public static readonly DiagnosticDescriptor ValueTypeMismatch = new("TCR0102", DiagnosticSeverity.Error,
        "Value of the wrong type",
        "'{0}', set in {1}, is {2}, but the values.schema.json of chart {3} allows only {4}. Give it a value of that type (quote a value to make it a string).");

    // ---- TCR1xxx: helm and charts ----

    /// <summary>No helm executable was found.</summary>
    public static readonly DiagnosticDescriptor HelmNotFound = new("TCR1001", DiagnosticSeverity.Error,
        "helm not found",
        "helm was not found: {0}. Install helm 3 or 4 (https://helm.sh/docs/intro/install/), then pass its path with --helm (MSBuild: TalosCiliumRenderHelmPath), set TALOS_CILIUM_HELM, or put it on PATH.");

    /// <summary>helm exited with an error.</summary>
    public static readonly DiagnosticDescriptor HelmFailed = new("TCR1002", DiagnosticSeverity.Error,
        "helm failed",
        "helm exited with code {0} running 'helm {1}'. Its output ends with:\n{2}");

    /// <summary>The helm executable is not a supported version.</summary>
    public static readonly DiagnosticDescriptor HelmVersionUnsupported = new("TCR1003", DiagnosticSeverity.Error,
        "Unsupported helm version",
        "'{0}' reports version '{1}' from 'helm version --short'; helm 3.x or 4.x is required. Point --helm (MSBuild: TalosCiliumRenderHelmPath) or TALOS_CILIUM_HELM at a helm 3 or 4 binary.");

    /// <summary>helm did not finish in time.</summary>
    public static readonly DiagnosticDescriptor HelmTimedOut = new("TCR1004", DiagnosticSeverity.Error,
        "helm timed out",
        "helm did not finish 'helm {0}' within {1}; it was stopped. Raise the timeout (--timeout) or check that the chart repository is reachable.");

    /// <summary>A local chart path does not exist.</summary>
    public static readonly DiagnosticDescriptor ChartNotFound = new("TCR1005", DiagnosticSeverity.Error,
        "Chart not found",
        "Chart '{0}' was not found: {1}");

    /// <summary>The repository has no chart of that name and version.</summary>
    public static readonly DiagnosticDescriptor ChartVersionNotFound = new("TCR1006", DiagnosticSeverity.Error,
        "Chart version not found",
        "Chart '{0}' version '{1}' was not found in '{2}'. Check the chart name and version (available: {3}).");

    /// <summary>Downloading a chart failed.</summary>
    public static readonly DiagnosticDescriptor ChartDownloadFailed = new("TCR1007", DiagnosticSeverity.Error,
        "Chart download failed",
        "Could not download chart '{0}' version '{1}' from '{2}': {3}. Check the repository URL and network, or pre-seed the chart cache with 'talos-cilium cache add'.");

    /// <summary>The local chart's version is not the requested version.</summary>
    public static readonly DiagnosticDescriptor ChartVersionMismatch = new("TCR1008", DiagnosticSeverity.Error,
        "Chart version mismatch",
        "Chart '{0}' is version '{1}', but version '{2}' was requested. Use the chart file for '{2}', or change the requested version to '{1}'.");

    /// <summary>The chart archive or folder is not a helm chart.</summary>
    public static readonly DiagnosticDescriptor ChartInvalid = new("TCR1009", DiagnosticSeverity.Error,
        "Not a helm chart",
        "'{0}' is not a helm chart: {1}. Pass a chart .tgz or a folder holding Chart.yaml.");

    /// <summary>A chart from a repository was asked for without a version.</summary>
    public static readonly DiagnosticDescriptor ChartVersionRequired = new("TCR1010", DiagnosticSeverity.Error,
        "Chart version required",
        "Chart '{0}' comes from '{1}' but no version was given. Pin one with --version (MSBuild: TalosCiliumRenderVersion) so renders are reproducible.");

    /// <summary>helm's output could not be read as YAML.</summary>
    public static readonly DiagnosticDescriptor HelmOutputInvalid = new("TCR1011", DiagnosticSeverity.Error,
        "helm output is not valid YAML",
        "helm rendered chart '{0}' into YAML that cannot be read, at {1}: {2}: {3} Check that template and the values it uses.");

    /// <summary>The helm executable exists but could not be started.</summary>
    public static readonly DiagnosticDescriptor HelmNotRunnable = new("TCR1012", DiagnosticSeverity.Error,
        "helm could not be started",
        "'{0}' could not be started: {1}. Check that it is a helm 3 or 4 executable with execute permission, or point --helm (MSBuild: TalosCiliumRenderHelmPath) or TALOS_CILIUM_HELM at one.");

    /// <summary>The chart cache folder could not be read or written.</summary>
    public static readonly DiagnosticDescriptor ChartCacheUnusable = new("TCR1013", DiagnosticSeverity.Error,
        "Chart cache unusable",
        "The chart cache '{0}' could not be used: {1}. Make the folder writable, or choose another with --chart-cache or TALOS_CILIUM_CHART_CACHE.");

    /// <summary>helm's output holds no Kubernetes object.</summary>
    public static readonly DiagnosticDescriptor HelmRenderedNothing = new("TCR1014", DiagnosticSeverity.Error,
        "helm rendered no Kubernetes object",
        "helm rendered chart '{0}' without a single Kubernetes object ({1}), so nothing was written: an empty manifest would delete Cilium from a cluster that syncs it. Check the chart, the helm binary (--helm) and the values that switch the templates on.");

    /// <summary>A document of helm's output is not a Kubernetes object.</summary>
    public static readonly DiagnosticDescriptor HelmDocumentNotObject = new("TCR1015", DiagnosticSeverity.Error,
        "helm rendered a document that is not a Kubernetes object",
        "Document {0} of helm's output for chart '{1}'{2} is not a Kubernetes object: {3}. Every document must be a mapping with apiVersion, kind and metadata.name, so nothing was written; check that template and the values it uses.");

    /// <summary>helm printed more than any render can hold (a runaway template, or not helm at all).</summary>
    public static readonly DiagnosticDescriptor HelmOutputTooLarge = new("TCR1016", DiagnosticSeverity.Error,
        "helm output too large",
        "'helm {0}' printed more than {1} MiB, the limit for a YAML input, and was stopped; nothing was written. A Cilium render is about 120 KB: check the templates and values (a range over a huge list?) or that --helm (MSBuild: TalosCiliumRenderHelmPath) names helm.");

    /// <summary>A chart archive is cut off or damaged: its gzip stream or tar archive does not run whole to its end.</summary>
    public static readonly DiagnosticDescriptor ChartArchiveDamaged = new("TCR1020", DiagnosticSeverity.Error,
        "Chart archive damaged",
        "'{0}' is not a complete chart archive: {1}. Nothing was added to the chart cache. Download the chart again (for example 'helm pull' on a connected machine), check its sha256 against the repository's digest, and add that file.");

    /// <summary>A chart archive expands beyond what helm itself would load.</summary>
    public static readonly DiagnosticDescriptor ChartArchiveTooLarge = new("TCR1021", DiagnosticSeverity.Error,
        "Chart archive too large",
        "'{0}' is larger than a chart helm would load: {1}. helm refuses charts whose files add up to more than 100 MiB, or with one file over 5 MiB, so this is not a chart it can render; nothing was added to the chart cache. Check that the file is the chart you meant.");

    /// <summary>A chart archive's file name names another chart or version than its Chart.yaml.</summary>
    public static readonly DiagnosticDescriptor ChartArchiveMisnamed = new("TCR1022", DiagnosticSeverity.Error,
        "Chart archive named for another chart",
        "'{0}' is named as chart '{1}' version '{2}', but its Chart.yaml says '{3}' version '{4}'. Nothing was added to the chart cache, which would file it as '{3}' '{4}': get the archive of '{1}' '{2}', or rename the file to '{3}-{4}.tgz' if it is the chart you meant.");

    /// <summary>helm succeeded but wrote warnings.</summary>
    public static readonly DiagnosticDescriptor HelmWarning = new("TCR1050", DiagnosticSeverity.Warning,
        "helm reported warnings",
        "helm reported while rendering chart '{0}': {1}");

    // ---- TCR1100-TCR1149: chart upgrades, the committed output's chart (its provenance header) against the one rendered ----

    /// <summary>The render would skip a Cilium minor release (or jump to a new major) over the committed output's.</summary>
    public static readonly DiagnosticDescriptor UpgradeSkipsMinor = new("TCR1101", DiagnosticSeverity.Error,
        "Upgrade skips a Cilium minor release",
        "'{0}' was rendered with chart cilium {1} (its provenance header); rendering {2} jumps {3}. Cilium's upgrade guide: the only tested upgrade and rollback path is between consecutive minor releases, so upgrade one minor at a time: {4}, rendering, committing and rolling out each (on the latest patch release of its minor) before the next. Nothing was written. To render anyway: --allow-minor-skip (MSBuild: TalosCiliumRenderAllowMinorSkip).");

    /// <summary>The render would go back to an older chart version than the committed output's.</summary>
    public static readonly DiagnosticDescriptor ChartDowngrade = new("TCR1102", DiagnosticSeverity.Error,
        "Chart downgrade",
        "'{0}' was rendered with chart {1} {2} (its provenance header); rendering {3} goes back to an older version. Check --version (or the chart) first: a downgrade rolls the cluster back, Cilium tests rollbacks only to the previous minor, and its upgrade guide lists steps a rollback needs. Nothing was written. If the downgrade is intended: --allow-downgrade (MSBuild: TalosCiliumRenderAllowDowngrade).");

    /// <summary>An output written before the first Cilium minor was recorded: the minor its header names is taken as that.</summary>
    public static readonly DiagnosticDescriptor UpgradeCompatibilityAssumed = new("TCR1103", DiagnosticSeverity.Warning,
        "First Cilium minor assumed",
        "'{0}' has a provenance header without an upgrade-compatibility line (written by an older talos-cilium): Cilium {1}, the minor it names, is taken as the one the cluster was first installed with and recorded from now on, so upgradeCompatibility is {1} whenever a later minor is rendered{2}. If the cluster was first installed with an older Cilium, set upgradeCompatibility to that minor (a values file, or --set upgradeCompatibility=1.X) in this render: it is then recorded instead.");

    /// <summary><c>upgrade-report --from</c> names nothing talos-cilium rendered: missing, unreadable, or without a provenance header.</summary>
    public static readonly DiagnosticDescriptor UpgradeReportNeedsOutput = new("TCR1104", DiagnosticSeverity.Error,
        "No committed output to report on",
        "'{0}' {1}, so there is no committed chart to report an upgrade from. Give --from the file or folder that 'talos-cilium render -o' wrote, with the --layout (and --talos-version) it was rendered with; a folder is read as --layout directory.");

    /// <summary>The chart a committed output was rendered with is neither in the chart cache nor given with <c>--from-chart</c>.</summary>
    public static readonly DiagnosticDescriptor CommittedChartUnavailable = new("TCR1105", DiagnosticSeverity.Error,
        "Committed chart not available",
        "'{0}' was rendered with chart {1} {2} ({3}), which is not in the chart cache '{4}'. Its values.yaml is needed to compare defaults. Either give the chart with --from-chart (the .tgz or chart folder it was rendered with), or put it into the cache: 'helm pull {1} --repo <repository> --version {2}' then 'talos-cilium cache add {1}-{2}.tgz' (a render of it by name from a repository caches it too).");

    /// <summary><c>--from-chart</c> is another chart or version than the one the committed output names.</summary>
    public static readonly DiagnosticDescriptor CommittedChartMismatch = new("TCR1106", DiagnosticSeverity.Error,
        "--from-chart is not the committed chart",
        "--from-chart '{0}' is chart {1} {2}, but '{3}' was rendered with {4} {5} (its provenance header). Give the chart the output was rendered with.");

    /// <summary><c>--from-chart</c> has the committed chart's name and version but not its digest.</summary>
    public static readonly DiagnosticDescriptor CommittedChartDigestDiffers = new("TCR1107", DiagnosticSeverity.Warning,
        "--from-chart has another digest",
        "--from-chart '{0}' is {1} {2} with digest {3}, but '{4}' was rendered from {5}: another build of the same version (a repackaged archive, an edited folder). Its defaults are compared anyway; check that it is the chart you rendered with.");

    // ---- TCR20xx: strategic merge and JSON 6902 patches (TCR2001-TCR2049) ----

    /// <summary>A <c>$patch</c> directive has a value other than merge, replace or delete.</summary>
    public static readonly DiagnosticDescriptor SmpUnknownDirective = new("TCR2001", DiagnosticSeverity.Error,
        "Unknown strategic merge directive",
        "Strategic merge patch '{0}' has '$patch: {1}' at {2} (patching {3}). Use '$patch: merge', '$patch: replace' or '$patch: delete'.");

    /// <summary>The patch gives a mapping, list or scalar where the resource has another kind of value.</summary>
    public static readonly DiagnosticDescriptor SmpKindMismatch = new("TCR2002", DiagnosticSeverity.Error,
        "Patch value has the wrong kind",
        "Strategic merge patch '{0}' gives a {1} at {2}, but {3} has a {4} there. Give a {4}, delete the field first with 'null', or replace it with a JSON 6902 'replace' operation.");

    /// <summary>An element of a list merged by key is not a mapping or lacks the merge key.</summary>
    public static readonly DiagnosticDescriptor SmpMissingMergeKey = new("TCR2003", DiagnosticSeverity.Error,
        "List element without merge key",
        "Strategic merge patch '{0}': the list {1} of {2} is merged by key '{3}', but an element {4}. Give every element a '{3}' (for example '- {3}: ...'), or replace the whole list with a '- $patch: replace' element.");

    /// <summary>Two elements of a patch list merged by key have the same key.</summary>
    public static readonly DiagnosticDescriptor SmpDuplicateMergeKey = new("TCR2004", DiagnosticSeverity.Error,
        "Duplicate merge key in patch list",
        "Strategic merge patch '{0}' names {1} twice in the list {2} (patching {3}). Merge the two elements into one.");

    /// <summary>A patch list element gives a key its target element leaves out (or the other way round), which kustomize silently ignores.</summary>
    public static readonly DiagnosticDescriptor SmpElementIgnored = new("TCR2009", DiagnosticSeverity.Error,
        "Patch list element would be ignored",
        "Strategic merge patch '{0}' has the element {1} in the list {2} (patching {3}), but the target's element with the same first key differs in whether it gives '{4}'; kustomize ignores such an element without a word. Write '{4}' on both elements, or on neither.");

    /// <summary>A <c>$retainKeys</c> directive is malformed or does not cover the patch's fields.</summary>
    public static readonly DiagnosticDescriptor SmpRetainKeysInvalid = new("TCR2005", DiagnosticSeverity.Error,
        "Invalid $retainKeys directive",
        "Strategic merge patch '{0}' has an invalid '$retainKeys' at {1} (patching {2}): {3}. '$retainKeys' must be a list of field names that includes every field the patch sets in that mapping.");

    /// <summary>A <c>$setElementOrder/&lt;list&gt;</c> directive cannot be applied.</summary>
    public static readonly DiagnosticDescriptor SmpSetElementOrderInvalid = new("TCR2006", DiagnosticSeverity.Error,
        "Invalid $setElementOrder directive",
        "Strategic merge patch '{0}' has an invalid '$setElementOrder/{1}' at {2} (patching {3}): {4}.");

    /// <summary>A <c>$deleteFromPrimitiveList/&lt;list&gt;</c> directive is malformed.</summary>
    public static readonly DiagnosticDescriptor SmpDeleteFromPrimitiveListInvalid = new("TCR2007", DiagnosticSeverity.Error,
        "Invalid $deleteFromPrimitiveList directive",
        "Strategic merge patch '{0}' has an invalid '$deleteFromPrimitiveList/{1}' at {2} (patching {3}): {4}. Give a list of the plain values to remove.");

    /// <summary>A directive sits inside a list that is replaced wholesale, where it cannot be applied.</summary>
    public static readonly DiagnosticDescriptor SmpDirectiveInReplacedList = new("TCR2008", DiagnosticSeverity.Error,
        "Directive in a list that is replaced",
        "Strategic merge patch '{0}' has '{1}' inside the list {2}, which {3} replaces wholesale (it has no merge key), so the directive cannot be applied and would reach the output. Write the complete list instead, or edit single elements with a JSON 6902 patch.");

    /// <summary>A JSON 6902 patch body is not a list of operations with the required fields.</summary>
    public static readonly DiagnosticDescriptor JsonPatchMalformed = new("TCR2020", DiagnosticSeverity.Error,
        "Malformed JSON 6902 patch",
        "JSON 6902 patch '{0}' is malformed: {1}. A JSON patch is a list of operations such as '- op: replace', 'path: /spec/replicas', 'value: 3'.");

    /// <summary>A JSON 6902 operation has an unknown <c>op</c>.</summary>
    public static readonly DiagnosticDescriptor JsonPatchUnknownOperation = new("TCR2021", DiagnosticSeverity.Error,
        "Unknown JSON 6902 operation",
        "JSON 6902 patch '{0}' has unknown operation 'op: {1}'. Use add, remove, replace, move, copy or test.");

    /// <summary>A JSON pointer in a JSON 6902 operation is not valid.</summary>
    public static readonly DiagnosticDescriptor JsonPointerInvalid = new("TCR2022", DiagnosticSeverity.Error,
        "Invalid JSON pointer",
        "JSON 6902 patch '{0}' has an invalid {1} '{2}': {3}. A JSON pointer starts with '/', separates keys with '/', and writes '/' inside a key as '~1' and '~' as '~0'.");

    /// <summary>The location an operation reads or changes does not exist.</summary>
    public static readonly DiagnosticDescriptor JsonPatchPathNotFound = new("TCR2023", DiagnosticSeverity.Error,
        "JSON 6902 path not found",
        "JSON 6902 '{0}' in '{1}' cannot be applied to {2}: {3} '{4}' does not exist. Fix the path, or use 'add' to create a value.");

    /// <summary>The parent of the location an operation adds to does not exist.</summary>
    public static readonly DiagnosticDescriptor JsonPatchParentNotFound = new("TCR2024", DiagnosticSeverity.Error,
        "JSON 6902 parent not found",
        "JSON 6902 '{0}' in '{1}' cannot be applied to {2}: the parent of '{3}' does not exist or is not a mapping or list ('add' does not create intermediate mappings). Add the parent first, for example with an 'add' of a mapping holding the new key.");

    /// <summary>A list index in a JSON pointer is out of range or not a number.</summary>
    public static readonly DiagnosticDescriptor JsonPatchIndexOutOfRange = new("TCR2025", DiagnosticSeverity.Error,
        "JSON 6902 list index out of range",
        "JSON 6902 '{0}' in '{1}' cannot be applied to {2}: '{3}' needs a list index but {4}. Use an index from 0 to the list length minus one ('-' appends, with add).");

    /// <summary>A JSON 6902 <c>test</c> operation failed.</summary>
    public static readonly DiagnosticDescriptor JsonPatchTestFailed = new("TCR2026", DiagnosticSeverity.Error,
        "JSON 6902 test failed",
        "JSON 6902 'test' in '{0}' failed on {1}: '{2}' {3}. The patch expects another version of the resource; update the test value or the patch.");

    /// <summary>A JSON 6902 <c>move</c> would move a value into itself.</summary>
    public static readonly DiagnosticDescriptor JsonPatchMoveIntoChild = new("TCR2027", DiagnosticSeverity.Error,
        "JSON 6902 move into itself",
        "JSON 6902 'move' in '{0}' cannot move '{1}' into its own child '{2}' (patching {3}). Copy the value instead, or move it elsewhere.");

    // ---- end of TCR20xx ----

    /// <summary>A patch target matched no resource while patching a render.</summary>
    public static readonly DiagnosticDescriptor PatchMatchedNothing = new("TCR2050", DiagnosticSeverity.Error,
        "Patch matched nothing",
        "Patch '{0}' matched no resource in the render (target: {1}). Fix the target, or allow unmatched patches (--allow-unmatched-patches, MSBuild: TalosCiliumRenderAllowUnmatchedPatches) if that is intended.");

    // ---- TCR205x-TCR209x: kustomization loading, transformers and ordering (TCR2051-TCR2099) ----

    /// <summary>Kustomization not found.</summary>
    public static readonly DiagnosticDescriptor KustomizationNotFound = new("TCR2051", DiagnosticSeverity.Error,
        "Kustomization not found",
        "No kustomization at '{0}': {1}. Pass a folder holding kustomization.yaml (or kustomization.yml, Kustomization), or the file itself.");

    /// <summary>Kustomization field not supported.</summary>
    public static readonly DiagnosticDescriptor KustomizationFieldUnsupported = new("TCR2052", DiagnosticSeverity.Error,
        "Kustomization field not supported",
        "'{0}' in '{1}' is not supported: {2}. Remove it, or build this overlay with real kustomize.");

    /// <summary>Kustomization field invalid.</summary>
    public static readonly DiagnosticDescriptor KustomizationFieldInvalid = new("TCR2053", DiagnosticSeverity.Error,
        "Kustomization field invalid",
        "'{0}' in '{1}' is invalid: {2}.");

    /// <summary>Path leaves the kustomization folder.</summary>
    public static readonly DiagnosticDescriptor PathEscapesKustomization = new("TCR2054", DiagnosticSeverity.Error,
        "Path leaves the kustomization folder",
        "'{0}' in '{1}' resolves to '{2}', outside the kustomization folder '{3}'; kustomize's load restrictor refuses it too (security; file is not in or below the kustomization's folder). Files must lie inside the folder of the kustomization that names them (no '..', absolute paths or symlinks that lead out); a folder holding its own kustomization (a base or component) may lie anywhere: list that folder instead of its file.");

    /// <summary>Referenced file not found.</summary>
    public static readonly DiagnosticDescriptor ReferencedFileNotFound = new("TCR2055", DiagnosticSeverity.Error,
        "Referenced file not found",
        "'{0}' named in '{1}' does not exist (resolved against '{2}'). Fix the path or add the file.");

    /// <summary>Remote resource not supported.</summary>
    public static readonly DiagnosticDescriptor RemoteResourceUnsupported = new("TCR2056", DiagnosticSeverity.Error,
        "Remote resource not supported",
        "Resource '{0}' in '{1}' is remote (a URL or git address); a render never touches the network, so resources are local files inside the kustomization folder or local folders holding a kustomization. Download it (for example into a base folder) and reference the local copy.");

    /// <summary>Resource has no kind.</summary>
    public static readonly DiagnosticDescriptor ResourceMissingKind = new("TCR2057", DiagnosticSeverity.Error,
        "Resource has no kind",
        "Document {0} in '{1}' has no kind. Every resource needs apiVersion, kind and metadata.name.");

    /// <summary>Resource has no name.</summary>
    public static readonly DiagnosticDescriptor ResourceMissingName = new("TCR2058", DiagnosticSeverity.Error,
        "Resource has no name",
        "{0} (document {1} in '{2}') has no metadata.name. Give it a name.");

    /// <summary>Duplicate resource.</summary>
    public static readonly DiagnosticDescriptor DuplicateResourceId = new("TCR2059", DiagnosticSeverity.Error,
        "Duplicate resource",
        "{0} from '{1}' is already defined by '{2}'; kustomize may not add a resource with an already registered id. Remove one of them.");

    /// <summary>Resource is not an object.</summary>
    public static readonly DiagnosticDescriptor ResourceNotObject = new("TCR2060", DiagnosticSeverity.Error,
        "Resource is not an object",
        "Document {0} in '{1}' is a {2}, not a Kubernetes object. Each document must be a mapping with apiVersion, kind and metadata.");

    /// <summary>Patch body not recognised.</summary>
    public static readonly DiagnosticDescriptor PatchBodyUnrecognized = new("TCR2061", DiagnosticSeverity.Error,
        "Patch body not recognised",
        "Patch {0} is neither a strategic merge patch (mappings with kind and metadata.name) nor a JSON 6902 patch (a list of operations): {1}.");

    /// <summary>Patch source invalid.</summary>
    public static readonly DiagnosticDescriptor PatchSourceInvalid = new("TCR2062", DiagnosticSeverity.Error,
        "Patch source invalid",
        "Patch entry {0} {1}. Set exactly one of 'path' and 'patch'.");

    /// <summary>JSON patch without target.</summary>
    public static readonly DiagnosticDescriptor JsonPatchTargetRequired = new("TCR2063", DiagnosticSeverity.Error,
        "JSON patch without target",
        "JSON 6902 patch {0} has no target, so it cannot select a resource. Add 'target' (kind and name at least).");

    /// <summary>Strategic merge patch matches nothing.</summary>
    public static readonly DiagnosticDescriptor StrategicMergePatchNoMatch = new("TCR2064", DiagnosticSeverity.Error,
        "Strategic merge patch matches nothing",
        "Strategic merge patch {0} names {1}, which matches no resource. Without a target a patch must match one resource by apiVersion, kind, name and namespace; fix those fields or add a 'target'.");

    /// <summary>Several patch documents with a target.</summary>
    public static readonly DiagnosticDescriptor MultiplePatchesWithTarget = new("TCR2065", DiagnosticSeverity.Error,
        "Several patch documents with a target",
        "Patch {0} holds {1} strategic merge documents and sets 'target'; only one document is allowed with a target. Split it into one entry per document.");

    /// <summary>Invalid patch target.</summary>
    public static readonly DiagnosticDescriptor TargetSelectorInvalid = new("TCR2066", DiagnosticSeverity.Error,
        "Invalid patch target",
        "Target of {0}: {1}. Fix the selector.");

    /// <summary>replicas entry matches nothing.</summary>
    public static readonly DiagnosticDescriptor ReplicasNoMatch = new("TCR2067", DiagnosticSeverity.Error,
        "replicas entry matches nothing",
        "replicas entry '{0}' in '{1}' matches no Deployment, ReplicationController, ReplicaSet or StatefulSet of that name. Fix the name.");

    /// <summary>patchesJson6902 target needs a name.</summary>
    public static readonly DiagnosticDescriptor PatchTargetNameRequired = new("TCR2068", DiagnosticSeverity.Error,
        "patchesJson6902 target needs a name",
        "patchesJson6902 entry {0} has a target without 'name'; kustomize requires it there. Add the name, or move the patch to 'patches'.");

    /// <summary>Field has an unexpected type.</summary>
    public static readonly DiagnosticDescriptor FieldTypeMismatch = new("TCR2069", DiagnosticSeverity.Error,
        "Field has an unexpected type",
        "Cannot {0} in {1}: '{2}' is a {3}, but a {4} is expected. Fix the resource.");

    /// <summary>Ambiguous reference.</summary>
    public static readonly DiagnosticDescriptor AmbiguousReference = new("TCR2070", DiagnosticSeverity.Error,
        "Ambiguous reference",
        "{0} in {1} refers to '{2}', which matches several resources ({3}). Add a namespace to the reference.");

    /// <summary>Patch result invalid.</summary>
    public static readonly DiagnosticDescriptor PatchResultInvalid = new("TCR2071", DiagnosticSeverity.Error,
        "Patch result invalid",
        "Patch {0} turned {1} into {2}. A resource must stay a mapping with kind and metadata.name.");

    /// <summary>Several kustomization files.</summary>
    public static readonly DiagnosticDescriptor MultipleKustomizationFiles = new("TCR2072", DiagnosticSeverity.Error,
        "Several kustomization files",
        "Folder '{0}' holds more than one kustomization file ({1}). Keep exactly one.");

    /// <summary>Invalid image name.</summary>
    public static readonly DiagnosticDescriptor ImageNameInvalid = new("TCR2073", DiagnosticSeverity.Error,
        "Invalid image name",
        "images entry name '{0}' in '{1}' cannot be used as an image name pattern: {2}. Fix the name.");

    /// <summary>Setting the namespace makes two objects the same object.</summary>
    public static readonly DiagnosticDescriptor NamespaceIdConflict = new("TCR2074", DiagnosticSeverity.Error,
        "Namespace makes two objects the same",
        "namespace '{0}' in '{1}' turns {2} and {3} into the same object ({4}); kustomize refuses such a build. Give them different names, or keep them out of this kustomization.");

    /// <summary>A base or component folder contains a kustomization already being built.</summary>
    public static readonly DiagnosticDescriptor KustomizationCycle = new("TCR2075", DiagnosticSeverity.Error,
        "Kustomization cycle",
        "'{0}' in '{1}' names the folder '{2}', which contains (or is) '{3}', a kustomization already being built; kustomize refuses it too (cycle detected). A base or component must lie beside or below the kustomizations that use it, never above them: move the shared part into its own folder.");

    /// <summary>A folder listed under resources holds a Component, or one listed under components a Kustomization.</summary>
    public static readonly DiagnosticDescriptor KustomizationKindMismatch = new("TCR2076", DiagnosticSeverity.Error,
        "Kustomization kind does not fit its use",
        "'{0}' in '{1}' is listed under '{2}', but '{3}' is a {4}. List a Kustomization under 'resources' and a Component (kind: Component, apiVersion: kustomize.config.k8s.io/v1alpha1) under 'components'.");

    /// <summary>A components entry names a file instead of a folder.</summary>
    public static readonly DiagnosticDescriptor ComponentNotFolder = new("TCR2077", DiagnosticSeverity.Error,
        "Component is not a folder",
        "'{0}' in '{1}' is listed under 'components' but is a file; kustomize builds a component from a folder holding its kustomization (kind: Component). Name the folder.");

    /// <summary>A kustomization sets nothing but apiVersion and kind.</summary>
    public static readonly DiagnosticDescriptor KustomizationEmpty = new("TCR2078", DiagnosticSeverity.Error,
        "Kustomization is empty",
        "'{0}' sets nothing besides apiVersion and kind; kustomize refuses it too (kustomization.yaml is empty). List what it builds (an explicitly empty 'resources: []' is allowed), or stop naming this folder as a base or component.");

    // ---- end of TCR205x-TCR209x ----

    // ---- TCR3xxx: YAML ----

    /// <summary>A mapping has the same key twice.</summary>
    public static readonly DiagnosticDescriptor DuplicateKey = new("TCR3001", DiagnosticSeverity.Error,
        "Duplicate key",
        "Key '{0}' appears twice in the same mapping. Remove one of them.");

    /// <summary>The YAML is malformed.</summary>
    public static readonly DiagnosticDescriptor MalformedYaml = new("TCR3002", DiagnosticSeverity.Error,
        "Malformed YAML",
        "The YAML could not be parsed: {0}. Fix the syntax at the position shown.");

    /// <summary>A YAML document has the wrong shape.</summary>
    public static readonly DiagnosticDescriptor UnexpectedYamlShape = new("TCR3003", DiagnosticSeverity.Error,
        "Unexpected YAML shape",
        "{0}");

    /// <summary>A file could not be read.</summary>
    public static readonly DiagnosticDescriptor FileUnreadable = new("TCR3004", DiagnosticSeverity.Error,
        "File could not be read",
        "Could not read '{0}': {1}");

    /// <summary>Lists and mappings nest deeper than the YAML depth limit.</summary>
    public static readonly DiagnosticDescriptor YamlTooDeep = new("TCR3005", DiagnosticSeverity.Error,
        "YAML nested too deeply",
        "Lists and mappings nest more than {0} levels deep here{1}. No Kubernetes object or values file needs that many (the deepest CRD schemas nest about 30); check that this is the file you meant and remove the nesting.");

    /// <summary>Aliases would expand a document beyond the alias limit, or into itself.</summary>
    public static readonly DiagnosticDescriptor YamlAliasExpansion = new("TCR3006", DiagnosticSeverity.Error,
        "YAML aliases expand too far",
        "YAML aliases may repeat anchored content, not multiply it: {0}. helm and kustomize (go-yaml) refuse such a document too; write the content out, or use fewer aliases.");

    /// <summary>An input file is larger than the size limit, or an endless stream.</summary>
    public static readonly DiagnosticDescriptor InputTooLarge = new("TCR3007", DiagnosticSeverity.Error,
        "Input file too large",
        "'{0}' is larger than {1} MiB, the limit for a YAML input; the position shows where the limit was reached. A Cilium render is about 120 KB: give the file you meant, not a device or an endless stream.");

    // ---- TCR4001-TCR4049: GitOps-stable output (carry-over of generated Secrets, non-idempotency guard) ----

    /// <summary>A carried-over certificate was about to expire and was renewed.</summary>
    public static readonly DiagnosticDescriptor CertificateRenewed = new("TCR4001", DiagnosticSeverity.Warning,
        "Generated certificate renewed",
        "{0}: the certificate '{1}' expires on {2}, within the renewal window of {3} days, so it was renewed: {4}. Commit the new output so the cluster gets it before the old certificate expires.");

    /// <summary>A carried-over CA was about to expire; a new CA was generated and its certificates issued anew.</summary>
    public static readonly DiagnosticDescriptor CertificateAuthorityRotated = new("TCR4002", DiagnosticSeverity.Warning,
        "Generated CA rotated",
        "{0}: the CA certificate '{1}' expires on {2}, within the renewal window of {3} days, so the chart's new CA replaces it and every certificate it signed was issued anew ({4}). Commit the new output; workloads that cache the old CA pick up the new one when they restart.");

    /// <summary>A carried-over certificate or key no longer fits what the chart generates now, and was replaced.</summary>
    public static readonly DiagnosticDescriptor GeneratedSecretReplaced = new("TCR4003", DiagnosticSeverity.Warning,
        "Generated certificate or key replaced",
        "{0}: the existing '{1}' cannot be carried over ({2}), so {3}. Commit the new output.");

    /// <summary>The existing output could not be read, so nothing was carried over.</summary>
    public static readonly DiagnosticDescriptor CarryOverSourceUnreadable = new("TCR4004", DiagnosticSeverity.Warning,
        "Existing output not readable for carry-over",
        "'{0}' exists but could not be read to carry over the certificates and keys the chart generates ({1}), so they were generated anew. Fix or delete the file; the next render carries over from the new one.");

    /// <summary>The main output and the Talos patch of one render hold different generated material; the main output's is kept.</summary>
    public static readonly DiagnosticDescriptor OutputsDisagree = new("TCR4005", DiagnosticSeverity.Warning,
        "Outputs disagree on generated material",
        "'{0}' and the Talos patch '{1}' hold different generated certificates or keys ({2}); the ones in '{0}' are carried over and both outputs are written with them. Commit both files together so they stay in step.");

    /// <summary>A resource changes on every render of the same input.</summary>
    public static readonly DiagnosticDescriptor NonIdempotentOutput = new("TCR4010", DiagnosticSeverity.Warning,
        "Output changes on every render",
        "{0} (template '{1}', which uses {2}) differs between two renders of the same input at: {3}. GitOps tools will show it out of sync after every render: set these fields in your values or patch them with a kustomization.");

    // ---- end of TCR4001-TCR4049 ----

    // ---- TCR50xx: output layouts and Talos machine config (TCR5001-TCR5049) ----

    /// <summary>The Talos layout was chosen without a Talos version.</summary>
    public static readonly DiagnosticDescriptor TalosVersionRequired = new("TCR5001", DiagnosticSeverity.Error,
        "Talos version required",
        "The Talos layout needs the Talos version the patch is for, because Talos 1.14 changed the machine-config shape. Pass --talos-version X.Y (MSBuild: TalosCiliumRenderTalosVersion), for example 1.13 or 1.14.");

    /// <summary>The Talos version cannot be read or is not supported.</summary>
    public static readonly DiagnosticDescriptor TalosVersionInvalid = new("TCR5002", DiagnosticSeverity.Error,
        "Invalid Talos version",
        "Invalid Talos version '{0}': {1}. Use MAJOR.MINOR of a Talos 1.x release, for example 1.13 or 1.14.");

    /// <summary>The inline manifest name Talos would get is not a DNS-1123 subdomain.</summary>
    public static readonly DiagnosticDescriptor TalosManifestNameInvalid = new("TCR5003", DiagnosticSeverity.Error,
        "Invalid inline manifest name",
        "The Talos inline manifest would be named '{0}' (the release name), which is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters). Choose such a release name (--release).");

    /// <summary>The directory layout was chosen without an output folder.</summary>
    public static readonly DiagnosticDescriptor DirectoryOutputRequired = new("TCR5004", DiagnosticSeverity.Error,
        "Output folder required",
        "The directory layout writes one file per resource and a kustomization.yaml into a folder; name it with --output (MSBuild: TalosCiliumRenderOutputPath).");

    /// <summary>The output path of the directory layout is an existing file, device, pipe or socket.</summary>
    public static readonly DiagnosticDescriptor OutputPathIsFile = new("TCR5005", DiagnosticSeverity.Error,
        "Output path is not a folder",
        "'{0}' is {1}, but the directory layout writes a folder there. Choose another path: a new folder, an empty one, or one this layout wrote; nothing was changed.");

    /// <summary>The output folder holds files talos-cilium did not write.</summary>
    public static readonly DiagnosticDescriptor OutputFolderNotOwned = new("TCR5006", DiagnosticSeverity.Error,
        "Output folder not written by talos-cilium",
        "'{0}' is not empty and has no kustomization.yaml written by talos-cilium, and the directory layout replaces the whole folder. Choose an empty or new folder; nothing was changed.");

    /// <summary>The directory layout was asked to write to stdout.</summary>
    public static readonly DiagnosticDescriptor DirectoryLayoutToStdout = new("TCR5011", DiagnosticSeverity.Error,
        "Directory layout cannot write to stdout",
        "'-o -' writes to stdout, but the directory layout writes one file per resource and a kustomization.yaml into a folder. Name the folder with --output, or choose --layout file or talos for stdout.");

    /// <summary>A single-file output path is an existing folder.</summary>
    public static readonly DiagnosticDescriptor OutputPathIsFolder = new("TCR5012", DiagnosticSeverity.Error,
        "Output path is a folder",
        "'{0}' is a folder, but this output is a single file. Name a file (for example '{0}/cilium-manifests.yaml'); only the directory layout (--layout directory) writes a folder. Nothing was changed.");

    /// <summary>The Talos machine-config patch is larger than common cloud user-data limits.</summary>
    public static readonly DiagnosticDescriptor TalosPatchTooLarge = new("TCR5010", DiagnosticSeverity.Warning,
        "Talos patch exceeds cloud user-data limits",
        "The Talos machine-config patch is {0} KiB (inline manifest '{1}': {2} KiB), over {3}; a machine config passed as cloud user data that large is rejected or cut off. Apply it with talosctl (apply-config, or gen config --config-patch) instead of user data, serve the manifest from a URL with extraManifests (Talos <= 1.13: cluster.extraManifests; >= 1.14: KubeExternalManifestConfig), or install Cilium from GitOps with --layout directory. To silence: --suppress TCR5010.");

    // ---- end of TCR50xx ----

    // ---- TCR5050-TCR5069: companion manifests for a GitOps controller that renders the chart itself ----

    /// <summary>A Flux HelmRelease or Argo CD Application was asked for a local chart, which no controller can fetch.</summary>
    public static readonly DiagnosticDescriptor GitOpsChartNotReferenceable = new("TCR5050", DiagnosticSeverity.Error,
        "Local chart cannot be referenced by a GitOps controller",
        "{0} was asked for, but the chart '{1}' is a local file or folder, which {2} cannot fetch: it installs charts from a chart repository or an OCI registry. Render from there instead (--chart NAME --repo URL --version X, or --chart oci://REGISTRY/PATH/NAME --version X; MSBuild: Chart, Repository, Version), or drop {3}. Nothing was written.");

    /// <summary>The kustomization holds what a Flux HelmRelease's post-renderer cannot express.</summary>
    public static readonly DiagnosticDescriptor FluxPostRendererUnsupported = new("TCR5051", DiagnosticSeverity.Error,
        "Kustomization cannot be a Flux post-renderer",
        "The kustomization '{0}' uses {1}, which a Flux HelmRelease cannot express: its post-renderer (spec.postRenderers[].kustomize) takes only patches (strategic merge and JSON 6902, with targets) and images. Move those into the chart's values or into a Flux Kustomization of their own, or drop --flux-helmrelease (MSBuild: FluxHelmRelease). Nothing was written.");

    /// <summary>An Argo CD Application was asked for a render with a kustomization, which its Helm source cannot apply.</summary>
    public static readonly DiagnosticDescriptor ArgoCdKustomizationUnsupported = new("TCR5052", DiagnosticSeverity.Error,
        "Kustomization cannot go into an Argo CD Helm application",
        "The render applies the kustomization '{0}', but an Argo CD Application with a Helm source has no post-renderer, so Argo CD would install the chart without it. Express the change in values, commit the rendered manifests for Argo CD instead (--layout directory), or drop --argocd-application (MSBuild: ArgoCdApplication). Nothing was written.");

    /// <summary>The chart repository URL carries credentials or a query, which a committed companion manifest would publish.</summary>
    public static readonly DiagnosticDescriptor GitOpsRepositoryCredentials = new("TCR5053", DiagnosticSeverity.Error,
        "Repository URL would publish credentials",
        "The chart repository URL '{0}' carries {1}, which {2} would write into a committed manifest. Give the URL without them and configure the credentials in the controller (Flux: the source's secretRef; Argo CD: a repository Secret). Nothing was written.");

    /// <summary>A companion manifest's path is the output's, the other companion's, or inside the output folder.</summary>
    public static readonly DiagnosticDescriptor GitOpsCompanionPathConflict = new("TCR5054", DiagnosticSeverity.Error,
        "Companion manifest path conflicts with another output",
        "{0} '{1}' {2}. Give each file its own path outside the output folder. Nothing was written.");

    // ---- end of TCR5050-TCR5069 ----

    // ---- TCR60xx: Talos lint rules (TCR6001-TCR6049). Warnings by default, errors with LintAsErrors;
    // each is silenced by --suppress TCRnnnn (RenderRequest.SuppressedLints) or by the annotation
    // talos-cilium.io/suppress: TCRnnnn on the resource the message names. ----

    /// <summary>A container asks for the SYS_MODULE capability, which Talos does not grant.</summary>
    public static readonly DiagnosticDescriptor LintSysModule = new("TCR6001", DiagnosticSeverity.Warning,
        "SYS_MODULE capability requested",
        "SYS_MODULE is requested by {0}. Talos does not let Kubernetes workloads load kernel modules, so the Talos guide removes this capability. Drop it from securityContext.capabilities.ciliumAgent and .cleanCiliumState (preset 'talos' does). Suppress: --suppress TCR6001 or the annotation 'talos-cilium.io/suppress: TCR6001' on the resource.");

    /// <summary>Cilium would mount the cgroup2 file system itself.</summary>
    public static readonly DiagnosticDescriptor LintCgroupAutoMount = new("TCR6002", DiagnosticSeverity.Warning,
        "cgroup automount enabled",
        "cgroup automount is enabled: {0}. Talos already mounts cgroup2 at /sys/fs/cgroup, and the Talos guide turns Cilium's own mount off. Set cgroup.autoMount.enabled=false and cgroup.hostRoot=/sys/fs/cgroup (preset 'talos' does). Suppress: --suppress TCR6002 or the annotation 'talos-cilium.io/suppress: TCR6002' on the resource.");

    /// <summary>With kube-proxy replacement on, the agent does not reach the API server through KubePrism.</summary>
    public static readonly DiagnosticDescriptor LintAgentNotOnKubePrism = new("TCR6003", DiagnosticSeverity.Warning,
        "Cilium agent not pointed at KubePrism",
        "kube-proxy replacement is on, but {0}. Without kube-proxy nothing routes the kubernetes Service until Cilium runs, so the agent must reach the API server directly: set k8sServiceHost=localhost and k8sServicePort to the KubePrism port (preset 'talos' does). Suppress: --suppress TCR6003 or the annotation 'talos-cilium.io/suppress: TCR6003' on the resource.");

    /// <summary>The KubePrism port in the manifests is not the configured one.</summary>
    public static readonly DiagnosticDescriptor LintKubePrismPort = new("TCR6004", DiagnosticSeverity.Warning,
        "KubePrism port mismatch",
        "The API server is reached through KubePrism's host on another port than KubePrism's: {0}. Make k8sServicePort the KubePrism port, or tell talos-cilium the port Talos uses (--kubeprism-port, MSBuild: TalosCiliumRenderKubePrismPort; Talos sets it in machine.features.kubePrism.port, from 1.14 in a KubePrismConfig document; default 7445). Suppress: --suppress TCR6004 or the annotation 'talos-cilium.io/suppress: TCR6004' on the resource.");

    /// <summary>k8sServiceHost: auto needs a cluster to look the API server up in.</summary>
    public static readonly DiagnosticDescriptor LintServiceHostAuto = new("TCR6005", DiagnosticSeverity.Warning,
        "k8sServiceHost: auto cannot work offline",
        "{0}: k8sServiceHost: auto makes the chart look up the cluster-info ConfigMap, which an offline render (helm template) cannot do, so the literal host 'auto' was rendered. Set k8sServiceHost=localhost and k8sServicePort to the KubePrism port (preset 'talos' does). Suppress: --suppress TCR6005 or the annotation 'talos-cilium.io/suppress: TCR6005' on the resource.");

    /// <summary>The Talos patch and cilium-config disagree about kube-proxy: removed without replacement, or kept beside it.</summary>
    public static readonly DiagnosticDescriptor LintKubeProxyRemovedWithoutReplacement = new("TCR6006", DiagnosticSeverity.Warning,
        "Talos patch and kube-proxy replacement disagree",
        "The Talos patch and cilium-config disagree about kube-proxy: {0}. Decide once, in the values: kube-proxy replacement on (kubeProxyReplacement=true, preset 'talos'; the patch disables kube-proxy) or off (preset 'talos-kube-proxy'; the patch keeps it), and drop the patch that flips kube-proxy-replacement. Suppress: --suppress TCR6006 or the annotation 'talos-cilium.io/suppress: TCR6006' on the resource.");

    /// <summary>helm generates new Hubble certificates on every render.</summary>
    public static readonly DiagnosticDescriptor LintHubbleTlsChurn = new("TCR6007", DiagnosticSeverity.Warning,
        "Hubble TLS from helm changes on every render",
        "Hubble TLS certificates are generated by helm ({0}) and carry-over of generated Secrets is off, so every render creates new keys and certificates: diffs that change nothing and Hubble reconnects after each deploy. Turn carry-over on, or use the feature 'hubble-tls-cronjob' (hubble.tls.auto.method=cronJob) or cert-manager. Suppress: --suppress TCR6007 or the annotation 'talos-cilium.io/suppress: TCR6007' on the resource.");

    /// <summary>Private keys would be committed in plain text.</summary>
    public static readonly DiagnosticDescriptor LintPlainTextPrivateKey = new("TCR6008", DiagnosticSeverity.Warning,
        "Private keys in plain text",
        "Private keys would be committed in plain text: {0}. Anyone who can read the repository can impersonate these services. Use the feature 'hubble-tls-cronjob' (the keys are made in the cluster), or encrypt the Secrets before committing (SOPS, sealed-secrets). Suppress: --suppress TCR6008 or the annotation 'talos-cilium.io/suppress: TCR6008' on the Secret.");

    /// <summary>Gateway API is enabled but no GatewayClass is rendered.</summary>
    public static readonly DiagnosticDescriptor LintGatewayClassMissing = new("TCR6009", DiagnosticSeverity.Warning,
        "Gateway API without GatewayClass",
        "Gateway API is enabled ({0}) but no GatewayClass was rendered: under helm template the chart only renders it when told the cluster serves gateway.networking.k8s.io/v1/GatewayClass, so Gateways would stay unaccepted. Use the feature 'gateway-api', or --api-versions gateway.networking.k8s.io/v1/GatewayClass, or gatewayAPI.gatewayClass.create=true. Suppress: --suppress TCR6009 or the annotation 'talos-cilium.io/suppress: TCR6009' on the resource.");

    /// <summary>A Job is embedded in a Talos inline manifest, which talosctl upgrade-k8s cannot update.</summary>
    public static readonly DiagnosticDescriptor LintJobInTalosInlineManifest = new("TCR6010", DiagnosticSeverity.Warning,
        "Job in a Talos inline manifest",
        "The Talos inline manifest holds {0}. talosctl upgrade-k8s applies inline manifests again, and a Job's pod template is immutable, so once the Job's spec changes (a new Cilium image) while the Job still exists, the Kubernetes upgrade fails (cilium/cilium#43794, siderolabs/talos#11603). Keep the CronJob and drop the one-shot Job with a kustomize patch ('$patch: delete' on Job hubble-generate-certs); after bootstrap run it once: kubectl -n kube-system create job --from=cronjob/hubble-generate-certs hubble-generate-certs-initial. Or install Cilium from GitOps (--layout file or directory). Suppress: --suppress TCR6010 or the annotation 'talos-cilium.io/suppress: TCR6010' on the Job.");

    /// <summary>Talos forwards kube-dns to host DNS while Cilium masquerades in BPF with eBPF host routing.</summary>
    public static readonly DiagnosticDescriptor LintHostDnsForwardingWithBpfHostRouting = new("TCR6011", DiagnosticSeverity.Warning,
        "Talos DNS forwarding with BPF masquerading and eBPF host routing",
        "Talos forwards kube-dns to its host DNS resolver (forwardKubeDNSToHost, on by default for clusters created with Talos 1.8 or later), and {0}: with BPF masquerading and eBPF host routing the answers from the host resolver do not reach CoreDNS, so DNS in pods fails (siderolabs/talos#10002, cilium/cilium#36761). Set bpf.hostLegacyRouting=true, or turn the Talos feature off (forwardKubeDNSToHost: false) and tell talos-cilium so (--talos-dns-forwarding off, MSBuild: TalosCiliumRenderTalosDnsForwarding). Suppress: --suppress TCR6011 or the annotation 'talos-cilium.io/suppress: TCR6011' on the resource.");

    /// <summary>Gateway API support is on but nothing installs the Gateway API CRDs.</summary>
    public static readonly DiagnosticDescriptor LintGatewayApiCrdsMissing = new("TCR6012", DiagnosticSeverity.Warning,
        "Gateway API CRDs not installed by the render",
        "Gateway API support is on, but the output does not install the Gateway API CRDs: {0}. Cilium's chart does not ship them, and its operator checks for them when it starts and leaves Gateway API support off without them, so install them before Cilium (with --layout talos, talos-cilium lists them in the patch for the Cilium minors it knows). Suppress when they are installed otherwise: --suppress TCR6012 or the annotation 'talos-cilium.io/suppress: TCR6012' on the resource.");

    // ---- end of TCR60xx ----

    // ---- TCR9xxx: internal ----

    /// <summary>A bug in the tool.</summary>
    public static readonly DiagnosticDescriptor InternalError = new("TCR9999", DiagnosticSeverity.Error,
        "Internal error",
        "Internal error: {0}. This is a bug in TalosCiliumRender; please report it with the command you ran.");

    /// <summary>Every descriptor, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => Everything.Descriptors;

    /// <summary>
    /// Its own type, so the reflection runs when <see cref="All"/> is read, not whenever the first diagnostic is
    /// minted (it was ~4% of a short run's start-up).
    /// </summary>
    private static class Everything
    {
        public static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticCatalog)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
    }
}
