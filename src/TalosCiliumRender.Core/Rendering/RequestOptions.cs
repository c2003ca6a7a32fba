using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Layouts;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// The options the CLI and the MSBuild task turn into a <see cref="RenderRequest"/>: their names, ranges, parsers
/// and the mappings from what a user types to the request, so both front ends accept the same text and say the same
/// thing about a bad value. <see cref="RequestValidator"/> checks the request they build.
/// </summary>
internal static class RequestOptions
{
    /// <summary>
    /// The longest one helm run may take. A render runs helm a few times, so this keeps every render far below the
    /// day after which <see cref="StaleTemporaryFolders"/> removes its temporary folders, and inside what a
    /// <see cref="CancellationTokenSource"/> timer accepts.
    /// </summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>
    /// The widest certificate renewal window: a century renews every certificate the chart makes (helm's own
    /// <c>genCA</c> certificates in Cilium last three years), and the expiry arithmetic stays inside the calendar.
    /// </summary>
    public const int MaxRenewBeforeDays = 36_500;

    /// <summary>The highest TCP port.</summary>
    public const int MaxPort = 65535;

    /// <summary>The helm timeout: <c>--timeout</c>, MSBuild <c>Timeout</c>.</summary>
    public static readonly RequestOption Timeout = new(
        "the helm timeout in seconds", "--timeout", "Timeout", $"a whole number of seconds from 1 to {MaxTimeoutSeconds}");

    /// <summary>The certificate renewal window: <c>--renew-before</c>, MSBuild <c>RenewBeforeDays</c>.</summary>
    public static readonly RequestOption RenewBefore = new(
        "the certificate renewal window in days", "--renew-before", "RenewBeforeDays", $"a whole number of days from 0 to {MaxRenewBeforeDays}");

    /// <summary>The KubePrism port: <c>--kubeprism-port</c>, MSBuild <c>KubePrismPort</c>.</summary>
    public static readonly RequestOption KubePrismPort = new(
        "the KubePrism port", "--kubeprism-port", "KubePrismPort", $"a port number from 1 to {MaxPort}");

    /// <summary>The KubePrism host: <c>--kubeprism-host</c>, MSBuild <c>KubePrismHost</c>.</summary>
    public static readonly RequestOption KubePrismHost = new("the KubePrism host", "--kubeprism-host", "KubePrismHost", "a host name or an IP address");

    /// <summary>The release name: <c>--release</c>, MSBuild <c>ReleaseName</c>.</summary>
    public static readonly RequestOption ReleaseName = new("the release name", "--release", "ReleaseName", "a DNS-1123 subdomain");

    /// <summary>The release namespace: <c>--namespace</c>, MSBuild <c>Namespace</c>.</summary>
    public static readonly RequestOption Namespace = new("the release namespace", "--namespace", "Namespace", "a DNS-1123 label");

    /// <summary>The Kubernetes version helm renders for: <c>--kube-version</c>, MSBuild <c>KubeVersion</c>.</summary>
    public static readonly RequestOption KubeVersion = new("the Kubernetes version", "--kube-version", "KubeVersion", "MAJOR.MINOR or MAJOR.MINOR.PATCH");

    /// <summary>An extra API version: <c>--api-versions</c>, MSBuild <c>ApiVersions</c>.</summary>
    public static readonly RequestOption ApiVersion = new("an API version", "--api-versions", "ApiVersions", "group/version or group/version/Kind");

    /// <summary>The Talos patch written beside the output: <c>--talos-patch</c>, MSBuild <c>TalosPatch</c>.</summary>
    public static readonly RequestOption TalosPatch = new("the Talos patch output", "--talos-patch", "TalosPatch", "a file path");

    /// <summary>The output layout: <c>--layout</c>, MSBuild <c>Layout</c>.</summary>
    public static readonly RequestOption Layout = new("the output layout", "--layout", "Layout", "file, directory or talos");

    /// <summary>Whether Talos forwards kube-dns to host DNS: <c>--talos-dns-forwarding</c>, MSBuild <c>TalosDnsForwarding</c>.</summary>
    public static readonly RequestOption TalosDnsForwarding = new(
        "whether Talos forwards kube-dns to host DNS", "--talos-dns-forwarding", "TalosDnsForwarding", "on or off (true or false)");

    /// <summary>The whole-number options, for the front ends' "not a number" messages.</summary>
    public static IReadOnlyList<RequestOption> WholeNumbers { get; } = [Timeout, RenewBefore, KubePrismPort];

    /// <summary>A whole number as the user typed it (invariant culture, optional sign, surrounding spaces allowed).</summary>
    public static bool TryParseWholeNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A layout by its name, in any case. Only the names: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
    /// alone would also take numbers and comma-joined names, which are no layout a user means.
    /// </summary>
    public static bool TryParseLayout(string text, out OutputLayout layout)
    {
        foreach (var candidate in Enum.GetValues<OutputLayout>())
        {
            if (candidate.ToString().Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                layout = candidate;
                return true;
            }
        }

        layout = OutputLayout.File;
        return false;
    }

    /// <summary>The layout named by <paramref name="text"/>; <see cref="OutputLayout.File"/> (and a TCR0004 added to <paramref name="problems"/>) when it names none.</summary>
    /// <param name="text">What the user typed; null means the default.</param>
    /// <param name="option">How the user named the option (<c>--layout</c>, or the MSBuild item and property).</param>
    /// <param name="problems">Receives the error.</param>
    public static OutputLayout LayoutOf(string? text, string option, List<Diagnostic> problems)
    {
        if (text is null)
        {
            return OutputLayout.File;
        }

        if (TryParseLayout(text, out var layout))
        {
            return layout;
        }

        problems.Add(NotOneOf(option, text, Layout));
        return OutputLayout.File;
    }

    /// <summary>The TCR0004 for a value that is not what <paramref name="expected"/> takes.</summary>
    public static Diagnostic NotOneOf(string option, string value, RequestOption expected) =>
        DiagnosticCatalog.InvalidOption.Create(option, value, $"use {expected.Takes}");

    /// <summary>The helm timeout for <paramref name="seconds"/>; <see cref="RenderRequest.DefaultTimeout"/> when none is given.</summary>
    /// <remarks>Any whole number of seconds fits a <see cref="TimeSpan"/>; the validator checks the range instead of silently using the default.</remarks>
    public static TimeSpan TimeoutOf(int? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : RenderRequest.DefaultTimeout;

    /// <summary>
    /// The renewal window for <paramref name="days"/>; <see cref="RenderRequest.DefaultCertificateRenewalWindow"/> when none
    /// is given or the days are out of range (then TCR0004 is added to <paramref name="problems"/>). Range-checked before
    /// it becomes a <see cref="TimeSpan"/>, which cannot hold every whole number of days.
    /// </summary>
    public static TimeSpan RenewalWindowOf(int? days, List<Diagnostic> problems)
    {
        if (days is not { } value)
        {
            return RenderRequest.DefaultCertificateRenewalWindow;
        }

        var found = RequestValidator.RenewBeforeProblems(value).ToArray();
        problems.AddRange(found);
        return found.Length == 0 ? TimeSpan.FromDays(value) : RenderRequest.DefaultCertificateRenewalWindow;
    }

    /// <summary>
    /// <see cref="RenderRequest.TalosDnsForwarding"/> for <paramref name="text"/>: on/true, off/false (any case), or null
    /// when none is given (derive it from the Talos version); TCR0004 in <paramref name="problems"/> for anything else.
    /// </summary>
    public static bool? TalosDnsForwardingOf(string? text, string option, List<Diagnostic> problems)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "on" or "true":
                return true;
            case "off" or "false":
                return false;
            default:
                problems.Add(NotOneOf(option, text, TalosDnsForwarding));
                return null;
        }
    }

    /// <summary>The KubePrism endpoint for the options given: none when neither is, else each missing part at Talos' default.</summary>
    public static KubePrismEndpoint? KubePrismOf(string? host, int? port) =>
        host is null && port is null ? null : new KubePrismEndpoint(host ?? KubePrismEndpoint.DefaultHost, port ?? KubePrismEndpoint.DefaultPort);
}
