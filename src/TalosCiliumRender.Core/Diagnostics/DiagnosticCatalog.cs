namespace TalosCiliumRender.Core.Diagnostics;

/// <summary>
/// Every diagnostic the tool can report. Codes are stable: a code is never reused for another meaning.
/// Ranges: TCR0xxx configuration and MSBuild, TCR1xxx helm and charts, TCR2xxx patch engine,
/// TCR3xxx YAML, TCR9xxx internal.
/// </summary>
public static class DiagnosticCatalog
{
    private const string HelpRoot = "https://github.com/talos-cilium-render/TalosCiliumRender/blob/main/docs/diagnostics/";

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
        "Could not write '{0}': {1}. Check that the folder exists and is writable; the previous file, if any, is unchanged.");

    /// <summary>A committed output differs from a fresh render (check mode).</summary>
    public static readonly DiagnosticDescriptor OutputStale = new("TCR0008", DiagnosticSeverity.Error,
        "Committed output is stale",
        "'{0}' is out of date: {1}. Render it in Write mode (without --check or TalosCiliumRenderMode=Check) and commit the result.{2}");

    /// <summary>Two renders of one build write the same file.</summary>
    public static readonly DiagnosticDescriptor DuplicateOutput = new("TCR0009", DiagnosticSeverity.Error,
        "Two renders write the same file",
        "'{0}' is the output of more than one render ({1}). Give each TalosCiliumRender item its own output path.");

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
        "helm rendered chart '{0}' into YAML that could not be parsed ({1}). Check the template named in the message and the values it uses.");

    /// <summary>The helm executable exists but could not be started.</summary>
    public static readonly DiagnosticDescriptor HelmNotRunnable = new("TCR1012", DiagnosticSeverity.Error,
        "helm could not be started",
        "'{0}' could not be started: {1}. Check that it is a helm 3 or 4 executable with execute permission, or point --helm (MSBuild: TalosCiliumRenderHelmPath) or TALOS_CILIUM_HELM at one.");

    /// <summary>The chart cache folder could not be read or written.</summary>
    public static readonly DiagnosticDescriptor ChartCacheUnusable = new("TCR1013", DiagnosticSeverity.Error,
        "Chart cache unusable",
        "The chart cache '{0}' could not be used: {1}. Make the folder writable, or choose another with --chart-cache or TALOS_CILIUM_CHART_CACHE.");

    /// <summary>helm succeeded but wrote warnings.</summary>
    public static readonly DiagnosticDescriptor HelmWarning = new("TCR1050", DiagnosticSeverity.Warning,
        "helm reported warnings",
        "helm reported while rendering chart '{0}': {1}");

    // ---- TCR20xx: strategic merge and JSON 6902 patches (TCR2001-TCR2049) ----

    // ---- end of TCR20xx ----

    /// <summary>A patch target matched no resource while patching a render.</summary>
    public static readonly DiagnosticDescriptor PatchMatchedNothing = new("TCR2050", DiagnosticSeverity.Error,
        "Patch matched nothing",
        "Patch '{0}' matched no resource in the render (target: {1}). Fix the target, or allow unmatched patches (--allow-unmatched-patches, MSBuild: TalosCiliumRenderAllowUnmatchedPatches) if that is intended.");

    // ---- TCR205x-TCR209x: kustomization loading, transformers and ordering (TCR2051-TCR2099) ----

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

    // ---- TCR9xxx: internal ----

    /// <summary>A bug in the tool.</summary>
    public static readonly DiagnosticDescriptor InternalError = new("TCR9999", DiagnosticSeverity.Error,
        "Internal error",
        "Internal error: {0}. This is a bug in TalosCiliumRender; please report it with the command you ran.");

    /// <summary>Every descriptor, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCatalog)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The help page for a code.</summary>
    /// <param name="code">A diagnostic code.</param>
    /// <returns>An absolute URL.</returns>
    public static string HelpLinkFor(string code) => HelpRoot + code + ".md";
}
