using Microsoft.Build.Framework;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.MSBuild;

/// <summary>
/// Maps <c>TalosCiliumRender</c> items to render requests. Empty metadata means the core's default, so defaults live
/// in one place (the core) and an item only states what it changes.
/// </summary>
internal static class RenderItems
{
    /// <summary>The metadata an item may carry, in the order the package documents them.</summary>
    public static readonly IReadOnlyList<string> MetadataNames =
    [
        "Chart", "Repository", "Version", "Preset", "Features", "ValuesFiles", "SetValues", "Kustomization",
        "KubeVersion", "ApiVersions", "KubePrismHost", "KubePrismPort", "AllowUnmatchedPatches", "AllowUnknownValues", "Preflight", "AllowMinorSkip", "AllowDowngrade", "HelmPath",
        "ChartCache", "ReleaseName", "Namespace", "Timeout", "Layout", "TalosVersion", "TalosPatch", "TalosDnsForwarding", "Lint", "SuppressLints", "LintAsErrors", "CarryOverSecrets", "RenewBeforeDays",
        "FluxHelmRelease", "ArgoCdApplication",
    ];

    public static (IReadOnlyList<RenderRequest> Requests, IReadOnlyList<Diagnostic> Diagnostics) ToRequests(IReadOnlyList<ITaskItem> items, string? mode)
    {
        var diagnostics = new List<Diagnostic>();
        var outputMode = ParseMode(mode, diagnostics);
        var requests = new List<RenderRequest>(items.Count);
        foreach (var item in items)
        {
            requests.Add(ToRequest(item, diagnostics) with { Mode = outputMode });
        }

        foreach (var group in items.GroupBy(i => i.GetMetadata("FullPath"), OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            diagnostics.Add(DiagnosticCatalog.DuplicateOutput.Create(SourceLocation.InFile(group.Key), group.First().ItemSpec, string.Join(", ", group.Select(i => i.ItemSpec))));
        }

        return (requests, diagnostics);
    }

    private static OutputMode ParseMode(string? mode, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(mode) || mode.Trim().Equals("Write", StringComparison.OrdinalIgnoreCase))
        {
            return OutputMode.Write;
        }

        if (mode.Trim().Equals("Check", StringComparison.OrdinalIgnoreCase))
        {
            return OutputMode.Check;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidOption.Create("TalosCiliumRenderMode", mode, "use Write (the default) or Check"));
        return OutputMode.Write;
    }

    private static RenderRequest ToRequest(ITaskItem item, List<Diagnostic> diagnostics)
    {
        string? Get(string name) => item.GetMetadata(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        IReadOnlyList<string> List(string name) => (Get(name) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var defaults = new RenderRequest();
        var port = ParseInt(item, RequestOptions.KubePrismPort, Get("KubePrismPort"), diagnostics);
        var timeout = ParseInt(item, RequestOptions.Timeout, Get("Timeout"), diagnostics);
        var renewBeforeDays = ParseInt(item, RequestOptions.RenewBefore, Get("RenewBeforeDays"), diagnostics);

        return defaults with
        {
            OutputPath = item.ItemSpec,
            Chart = Get("Chart") ?? defaults.Chart,
            Repository = Get("Repository"),
            Version = Get("Version"),
            Preset = Get("Preset") ?? defaults.Preset,
            Features = List("Features"),
            ValuesFiles = List("ValuesFiles"),
            SetValues = List("SetValues"),
            Kustomization = Get("Kustomization"),
            KubeVersion = Get("KubeVersion") ?? defaults.KubeVersion,
            ApiVersions = List("ApiVersions"),
            KubePrism = RequestOptions.KubePrismOf(Get("KubePrismHost"), port),
            AllowUnmatchedPatches = ParseBool(item, "AllowUnmatchedPatches", Get("AllowUnmatchedPatches"), diagnostics),
            AllowUnknownValues = ParseBool(item, "AllowUnknownValues", Get("AllowUnknownValues"), diagnostics),
            Preflight = ParseBool(item, "Preflight", Get("Preflight"), diagnostics),
            AllowMinorSkip = ParseBool(item, "AllowMinorSkip", Get("AllowMinorSkip"), diagnostics),
            AllowDowngrade = ParseBool(item, "AllowDowngrade", Get("AllowDowngrade"), diagnostics),
            HelmPath = Get("HelmPath"),
            ChartCacheDirectory = Get("ChartCache"),
            ReleaseName = Get("ReleaseName") ?? defaults.ReleaseName,
            Namespace = Get("Namespace") ?? defaults.Namespace,
            Timeout = RequestOptions.TimeoutOf(timeout),
            Layout = RequestOptions.LayoutOf(Get("Layout"), Describe(item, RequestOptions.Layout.Metadata), diagnostics),
            TalosVersion = Get("TalosVersion"),
            TalosPatchPath = Get("TalosPatch"),
            TalosDnsForwarding = RequestOptions.TalosDnsForwardingOf(Get("TalosDnsForwarding"), Describe(item, RequestOptions.TalosDnsForwarding.Metadata), diagnostics),
            Lint = Get("Lint") is null || ParseBool(item, "Lint", Get("Lint"), diagnostics),
            SuppressedLints = List("SuppressLints"),
            LintAsErrors = ParseBool(item, "LintAsErrors", Get("LintAsErrors"), diagnostics),
            CarryOverGeneratedSecrets = Get("CarryOverSecrets") is null || ParseBool(item, "CarryOverSecrets", Get("CarryOverSecrets"), diagnostics),
            CertificateRenewalWindow = RequestOptions.RenewalWindowOf(renewBeforeDays, diagnostics),
            FluxHelmReleasePath = Get("FluxHelmRelease"),
            ArgoCdApplicationPath = Get("ArgoCdApplication"),
        };
    }

    private static int? ParseInt(ITaskItem item, RequestOption option, string? value, List<Diagnostic> diagnostics)
    {
        if (value is null)
        {
            return null;
        }

        if (RequestOptions.TryParseWholeNumber(value, out var number))
        {
            return number;
        }

        diagnostics.Add(RequestOptions.NotOneOf(Describe(item, option.Metadata), value, option));
        return null;
    }

    private static bool ParseBool(ITaskItem item, string name, string? value, List<Diagnostic> diagnostics)
    {
        if (value is null)
        {
            return false;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidOption.Create(Describe(item, name), value, "use true or false"));
        return false;
    }

    private static string Describe(ITaskItem item, string metadata) =>
        $"{metadata} of TalosCiliumRender item '{item.ItemSpec}' (property TalosCiliumRender{metadata})";
}
