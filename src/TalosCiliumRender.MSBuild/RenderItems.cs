using System.Globalization;
using Microsoft.Build.Framework;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Presets;
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
        "KubeVersion", "ApiVersions", "KubePrismHost", "KubePrismPort", "AllowUnmatchedPatches", "HelmPath",
        "ChartCache", "ReleaseName", "Namespace", "Timeout", "Layout", "TalosVersion", "Lint", "SuppressLints", "LintAsErrors", "CarryOverSecrets", "RenewBeforeDays",
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
        var host = Get("KubePrismHost");
        var port = ParseInt(item, "KubePrismPort", Get("KubePrismPort"), diagnostics);
        var timeout = ParseInt(item, "Timeout", Get("Timeout"), diagnostics);
        var renewBeforeDays = ParseInt(item, "RenewBeforeDays", Get("RenewBeforeDays"), diagnostics);

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
            KubePrism = host is null && port is null ? null : new KubePrismEndpoint(host ?? KubePrismEndpoint.DefaultHost, port ?? KubePrismEndpoint.DefaultPort),
            AllowUnmatchedPatches = ParseBool(item, "AllowUnmatchedPatches", Get("AllowUnmatchedPatches"), diagnostics),
            HelmPath = Get("HelmPath"),
            ChartCacheDirectory = Get("ChartCache"),
            ReleaseName = Get("ReleaseName") ?? defaults.ReleaseName,
            Namespace = Get("Namespace") ?? defaults.Namespace,
            // Any whole number of seconds fits a TimeSpan; the core checks the range (TCR0004) instead of silently using the default.
            Timeout = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Timeout,
            Layout = ParseLayout(item, Get("Layout"), diagnostics),
            TalosVersion = Get("TalosVersion"),
            Lint = Get("Lint") is null || ParseBool(item, "Lint", Get("Lint"), diagnostics),
            SuppressedLints = List("SuppressLints"),
            LintAsErrors = ParseBool(item, "LintAsErrors", Get("LintAsErrors"), diagnostics),
            CarryOverGeneratedSecrets = Get("CarryOverSecrets") is null || ParseBool(item, "CarryOverSecrets", Get("CarryOverSecrets"), diagnostics),
            CertificateRenewalWindow = RenewalWindow(renewBeforeDays, diagnostics) ?? defaults.CertificateRenewalWindow,
        };
    }

    /// <summary>Range-checked before it becomes a TimeSpan, which cannot hold every whole number of days.</summary>
    private static TimeSpan? RenewalWindow(int? days, List<Diagnostic> diagnostics)
    {
        if (days is not { } value)
        {
            return null;
        }

        var problems = RequestValidator.RenewBeforeProblems(value).ToArray();
        diagnostics.AddRange(problems);
        return problems.Length == 0 ? TimeSpan.FromDays(value) : null;
    }

    private static OutputLayout ParseLayout(ITaskItem item, string? value, List<Diagnostic> diagnostics)
    {
        if (value is null)
        {
            return OutputLayout.File;
        }

        if (Enum.TryParse<OutputLayout>(value, ignoreCase: true, out var layout) && Enum.IsDefined(layout))
        {
            return layout;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidOption.Create(Describe(item, "Layout"), value, "use File, Directory or Talos"));
        return OutputLayout.File;
    }

    private static int? ParseInt(ITaskItem item, string name, string? value, List<Diagnostic> diagnostics)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidOption.Create(Describe(item, name), value, "use a whole number"));
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
