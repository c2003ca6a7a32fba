using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Checks every option of a request that needs no file content, chart or helm, and reports all problems at once, so a
/// user fixes a command line in one round and a typo never waits for helm or a download. The CLI and the MSBuild
/// task share these checks (and their wording) through the core.
/// </summary>
internal static partial class RequestValidator
{
    /// <summary>Every problem of <paramref name="request"/> that can be seen without a file, chart or helm.</summary>
    /// <param name="request">The request.</param>
    /// <param name="valuesOnly">Only the values are wanted (<c>talos-cilium values</c>): the output options do not matter.</param>
    /// <param name="environment">Resolves a relative chart path; the current process's when null.</param>
    /// <returns>The errors, in option order; empty when the request can be rendered.</returns>
    public static IReadOnlyList<Diagnostic> Validate(RenderRequest request, bool valuesOnly, RenderEnvironment? environment = null)
    {
        var problems = new List<Diagnostic>();
        void Check(Action check)
        {
            try
            {
                check();
            }
            catch (DiagnosticException e)
            {
                problems.Add(e.Diagnostic);
            }
        }

        if (ChartOptionProblem(request, environment ?? RenderEnvironment.FromProcess()) is { } chartProblem)
        {
            problems.Add(chartProblem);
        }

        Check(() => PresetCatalog.Get(request.Preset));
        foreach (var feature in request.Features.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            Check(() => FeatureCatalog.Get(feature));
        }

        if (!KubernetesNames.IsReleaseName(request.ReleaseName))
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(
                RequestOptions.ReleaseName.Described, request.ReleaseName,
                $"helm takes a DNS-1123 subdomain of at most {KubernetesNames.MaxReleaseNameLength} characters: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, for example cilium"));
        }

        if (!KubernetesNames.IsDns1123Label(request.Namespace))
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(
                RequestOptions.Namespace.Described, request.Namespace,
                $"a namespace is a DNS-1123 label: 1 to {KubernetesNames.MaxLabelLength} lowercase letters, digits and '-', starting and ending with a letter or digit, for example kube-system"));
        }

        if (!KubeVersionPattern().IsMatch(request.KubeVersion))
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.KubeVersion.Described, request.KubeVersion, "use MAJOR.MINOR or MAJOR.MINOR.PATCH, for example 1.35.0"));
        }

        if (request.ApiVersions.FirstOrDefault(v => !ApiVersionPattern().IsMatch(v)) is { } badApiVersion)
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.ApiVersion.Described, badApiVersion, "use group/version or group/version/Kind, for example gateway.networking.k8s.io/v1/GatewayClass"));
        }

        if (request.KubePrism is { } kubePrism)
        {
            ValidateKubePrism(request, kubePrism, problems);
        }

        problems.AddRange(TimeoutProblems(request.Timeout.TotalSeconds));
        if (request.Mode == OutputMode.Check && request.OutputPath is null && !valuesOnly)
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create("check mode", "no output path", "check mode compares the render with a file: name it (--output, MSBuild: TalosCiliumRenderOutputPath)"));
        }

        if (!valuesOnly)
        {
            problems.AddRange(RenewBeforeProblems(request.CertificateRenewalWindow.TotalDays));
        }

        if (!valuesOnly && request.Preflight && request.Layout == OutputLayout.Talos)
        {
            // A machine-config patch would make the check part of the node's configuration, which is not removed by
            // deleting a file: the guide's kubectl create/delete needs a manifest of its own.
            problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.Layout.Described, "talos",
                "the pre-flight check (--preflight, MSBuild: Preflight) is applied, waited for and deleted again with kubectl before the upgrade, which a Talos machine-config patch is not; use the file or directory layout"));
        }

        if (!valuesOnly && request.TalosPatchPath is { } patch)
        {
            if (request.Layout == OutputLayout.Talos)
            {
                problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.TalosPatch.Described, patch,
                    "the output is a Talos patch already (--layout talos); give --talos-patch with the file or directory layout"));
            }
            else if (request.OutputPath is { } output && (environment ?? RenderEnvironment.FromProcess()) is var paths
                && string.Equals(paths.ResolvePath(output), paths.ResolvePath(patch), StringComparison.Ordinal))
            {
                problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.TalosPatch.Described, patch,
                    "it is the main output too (--output): give the Talos patch a file of its own"));
            }
        }

        problems.AddRange(OutputStage.Validate(request, valuesOnly));
        if (!valuesOnly)
        {
            problems.AddRange(CompanionStage.Validate(request, environment ?? RenderEnvironment.FromProcess()));
        }

        return problems;
    }

    /// <summary>The range check of the helm timeout, in the seconds the user gave.</summary>
    /// <returns>TCR0004 when <paramref name="seconds"/> is outside 1 to <see cref="RequestOptions.MaxTimeoutSeconds"/>; else nothing.</returns>
    public static IEnumerable<Diagnostic> TimeoutProblems(double seconds)
    {
        if (seconds is < 1 or > RequestOptions.MaxTimeoutSeconds || double.IsNaN(seconds))
        {
            yield return DiagnosticCatalog.InvalidOption.Create(RequestOptions.Timeout.Described, Number(seconds),
                $"use 1 to {RequestOptions.MaxTimeoutSeconds} seconds (one helm run; the default is {RenderRequest.DefaultTimeout.TotalSeconds:0})");
        }
    }

    /// <summary>
    /// The range check of the certificate renewal window, in the days the user gave. The CLI and the MSBuild task
    /// call it before turning the days into a <see cref="TimeSpan"/>, which cannot hold some whole numbers of days.
    /// </summary>
    /// <returns>TCR0004 when <paramref name="days"/> is outside 0 to <see cref="RequestOptions.MaxRenewBeforeDays"/>; else nothing.</returns>
    public static IEnumerable<Diagnostic> RenewBeforeProblems(double days)
    {
        if (days is < 0 or > RequestOptions.MaxRenewBeforeDays || double.IsNaN(days))
        {
            yield return DiagnosticCatalog.InvalidOption.Create(RequestOptions.RenewBefore.Described, Number(days),
                $"use 0 to {RequestOptions.MaxRenewBeforeDays} days (0 renews only certificates that have expired; the default is {RenderRequest.DefaultCertificateRenewalWindow.TotalDays:0})");
        }
    }

    /// <summary>
    /// A mistake in the chart options themselves (TCR0004: <c>--repo</c> with an OCI or local chart, a malformed reference
    /// or URL). A local chart that does not exist is not one: the pipeline reports it in its turn, as it always did.
    /// </summary>
    private static Diagnostic? ChartOptionProblem(RenderRequest request, RenderEnvironment environment)
    {
        try
        {
            _ = ChartSource.ForRender(request.Chart, request.Repository, request.Version, environment);
            return null;
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic.Code == DiagnosticCatalog.InvalidOption.Code ? e.Diagnostic : null;
        }
    }

    private static void ValidateKubePrism(RenderRequest request, KubePrismEndpoint kubePrism, List<Diagnostic> problems)
    {
        if (!PresetUsesKubePrism(request.Preset))
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create("the KubePrism endpoint", $"{kubePrism.Host}:{kubePrism.Port}", $"preset '{request.Preset}' does not use KubePrism; use preset '{PresetCatalog.Talos}' or drop the KubePrism options"));
        }

        if (kubePrism.Port is < 1 or > RequestOptions.MaxPort)
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(RequestOptions.KubePrismPort.Described, kubePrism.Port, $"use a port from 1 to {RequestOptions.MaxPort}; Talos' default is {KubePrismEndpoint.DefaultPort}"));
        }

        if (!KubernetesNames.IsHost(kubePrism.Host))
        {
            problems.Add(DiagnosticCatalog.InvalidOption.Create(
                RequestOptions.KubePrismHost.Described, kubePrism.Host,
                $"use a host name that is a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most {KubernetesNames.MaxSubdomainLength} characters) or an IPv4 or IPv6 address; Talos serves KubePrism on {KubePrismEndpoint.DefaultHost}"));
        }
    }

    // An unknown preset is reported once, by the catalog check above; it cannot also be blamed for KubePrism.
    private static bool PresetUsesKubePrism(string preset) =>
        PresetCatalog.All.FirstOrDefault(p => p.Name.Equals(preset, StringComparison.OrdinalIgnoreCase)) is not { } known || known.UsesKubePrism;

    /// <summary>A count of seconds or days as the user typed it: whole numbers without decimals, never as a <see cref="TimeSpan"/>.</summary>
    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^v?\d+\.\d+(\.\d+)?\z")]
    private static partial Regex KubeVersionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(/[A-Za-z0-9.\-]+){0,2}\z")]
    private static partial Regex ApiVersionPattern();
}
