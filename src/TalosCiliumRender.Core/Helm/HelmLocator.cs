using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Helm;

/// <summary>Finds the helm executable to run and checks that it is helm 3 or 4.</summary>
internal static partial class HelmLocator
{
    /// <summary>Environment variable naming the helm executable when no explicit path is given.</summary>
    public const string EnvironmentVariable = "TALOS_CILIUM_HELM";

    /// <summary>
    /// How long <c>helm version --short</c> may take at most; a shorter render timeout bounds it too. It does no
    /// I/O, so a binary that is still silent after this is not helm (or is waiting for a terminal).
    /// </summary>
    internal static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Finds helm: <paramref name="explicitPath"/>, then <c>$TALOS_CILIUM_HELM</c>, then <c>helm</c> on PATH, and
    /// runs <c>helm version --short</c> once to learn its version.
    /// </summary>
    /// <param name="explicitPath">The <c>--helm</c> option or MSBuild property; relative paths resolve against the working directory, and a bare name is looked up on PATH.</param>
    /// <param name="environment">Variables, working directory and clock.</param>
    /// <param name="cancellationToken">Stops the version probe.</param>
    /// <returns>The located helm.</returns>
    /// <exception cref="DiagnosticException">TCR1001 nothing found; TCR1003 not helm 3 or 4; TCR1012 could not be started.</exception>
    public static Task<HelmTool> LocateAsync(string? explicitPath, RenderEnvironment environment, CancellationToken cancellationToken) =>
        LocateAsync(explicitPath, environment, VersionProbeTimeout, cancellationToken);

    /// <inheritdoc cref="LocateAsync(string?, RenderEnvironment, CancellationToken)"/>
    /// <param name="explicitPath">The <c>--helm</c> option or MSBuild property.</param>
    /// <param name="environment">Variables, working directory and clock.</param>
    /// <param name="timeout">The render's helm timeout; the version probe waits no longer than it (and never more than <see cref="VersionProbeTimeout"/>).</param>
    /// <param name="cancellationToken">Stops the version probe.</param>
    public static Task<HelmTool> LocateAsync(string? explicitPath, RenderEnvironment environment, TimeSpan timeout, CancellationToken cancellationToken) =>
        LocateAsync(explicitPath, environment, timeout, versionCache: null, cancellationToken);

    /// <summary>
    /// Finds helm as <see cref="LocateAsync(string?, RenderEnvironment, CancellationToken)"/> does, but takes its
    /// version from <paramref name="versionCache"/> when the same binary (path, size, times) was probed before, so
    /// a warm render starts no helm process for it.
    /// </summary>
    /// <param name="explicitPath">The <c>--helm</c> option or MSBuild property.</param>
    /// <param name="environment">Variables, working directory and clock.</param>
    /// <param name="timeout">The render's helm timeout; the version probe waits no longer than it (and never more than <see cref="VersionProbeTimeout"/>).</param>
    /// <param name="versionCache">Where versions are remembered; <see langword="null"/> to probe every time.</param>
    /// <param name="cancellationToken">Stops the version probe.</param>
    /// <returns>The located helm.</returns>
    /// <exception cref="DiagnosticException">TCR1001 nothing found; TCR1003 not helm 3 or 4; TCR1012 could not be started.</exception>
    public static async Task<HelmTool> LocateAsync(
        string? explicitPath, RenderEnvironment environment, TimeSpan timeout, HelmVersionCache? versionCache, CancellationToken cancellationToken)
    {
        var path = Find(explicitPath, environment);
        var identity = versionCache is null ? null : FileIdentity.Of(path);
        if (identity is not null && await versionCache!.TryReadAsync(identity, cancellationToken).ConfigureAwait(false) is { } remembered)
        {
            return new HelmTool(path, remembered, ParseVersion(remembered)!);
        }

        var tool = await ProbeAsync(path, environment, timeout, cancellationToken).ConfigureAwait(false);

        // Only a helm that passed is remembered, and only when the file did not change while it ran: a record must
        // never vouch for bytes that were not the ones probed.
        if (identity is not null && FileIdentity.Of(path) == identity)
        {
            await versionCache!.TryWriteAsync(identity, tool.VersionText, cancellationToken).ConfigureAwait(false);
        }

        return tool;
    }

    /// <summary>Runs <c>helm version --short</c> and checks that it is helm 3 or 4.</summary>
    private static async Task<HelmTool> ProbeAsync(string path, RenderEnvironment environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probeTimeout = timeout > TimeSpan.Zero && timeout < VersionProbeTimeout ? timeout : VersionProbeTimeout;

        HelmProcessResult probe;
        try
        {
            probe = await HelmProcess.RunAsync(
                path,
                ["version", "--short"],
                new Dictionary<string, string?>(),
                Directory.Exists(environment.WorkingDirectory) ? environment.WorkingDirectory : Path.GetTempPath(),
                probeTimeout,
                environment.Time,
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var waited = string.Create(CultureInfo.InvariantCulture, $"{probeTimeout.TotalSeconds:0.###} s");
            throw probeTimeout < VersionProbeTimeout
                ? DiagnosticCatalog.HelmTimedOut.Exception("version --short", waited)
                : DiagnosticCatalog.HelmVersionUnsupported.Exception(path, $"(no answer within {waited})");
        }
        catch (HelmStartException e)
        {
            throw DiagnosticCatalog.HelmNotRunnable.Exception(path, e.Reason);
        }

        var text = FirstLine(probe.StandardOutput) ?? FirstLine(probe.StandardError) ?? "(no output)";
        if (probe.ExitCode != 0 || ParseVersion(text) is not { Major: 3 or 4 } version)
        {
            throw DiagnosticCatalog.HelmVersionUnsupported.Exception(path, text);
        }

        return new HelmTool(path, text, version);
    }

    /// <summary>Parses the first <c>major.minor.patch</c> in <c>helm version --short</c> output, e.g. <c>v3.17.3+ge4da497</c>.</summary>
    /// <returns>The version, or <see langword="null"/> when there is none.</returns>
    internal static Version? ParseVersion(string text)
    {
        var match = VersionPattern().Match(text);
        return match.Success
            ? new Version(
                int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The executable path, without running it.</summary>
    /// <exception cref="DiagnosticException">TCR1001 naming the source that was tried.</exception>
    internal static string Find(string? explicitPath, RenderEnvironment environment)
    {
        // The first source that is set wins, even when it is wrong: silently falling back to another helm would
        // render with a binary the user did not choose.
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var resolved = environment.ResolvePath(explicitPath);
            var named = resolved == explicitPath ? $"the --helm path '{explicitPath}'" : $"the --helm path '{explicitPath}' (resolved to '{resolved}')";
            return FindConfigured(explicitPath, environment)
                ?? throw DiagnosticCatalog.HelmNotFound.Exception(named + NotFoundReason(resolved));
        }

        var fromVariable = environment.GetVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            return FindConfigured(fromVariable, environment)
                ?? throw DiagnosticCatalog.HelmNotFound.Exception($"{EnvironmentVariable} is '{fromVariable}', which" + NotFoundReason(environment.ResolvePath(fromVariable)));
        }

        return SearchPath(ExecutableName("helm"), environment)
            ?? throw DiagnosticCatalog.HelmNotFound.Exception(
                $"--helm was not given, {EnvironmentVariable} is not set, and no '{ExecutableName("helm")}' is in any PATH folder ({DescribePath(environment)})");
    }

    private static string? FindConfigured(string value, RenderEnvironment environment)
    {
        var full = environment.ResolvePath(value);
        if (File.Exists(full))
        {
            return full;
        }

        if (Directory.Exists(full))
        {
            // A folder holding helm is a common thing to pass (e.g. the unpacked release archive).
            var inside = Path.Combine(full, ExecutableName("helm"));
            return IsExecutable(inside) ? inside : null;
        }

        // A bare name such as "helm3" means "this name on PATH", as a shell would read it.
        var isBareName = value.IndexOfAny(['/', '\\']) < 0;
        return isBareName ? SearchPath(ExecutableName(value), environment) : null;
    }

    // A folder is accepted when it holds helm, so "not found" would send the user looking for a path that exists.
    private static string NotFoundReason(string resolved) => Directory.Exists(resolved)
        ? $" is a folder with no executable '{ExecutableName("helm")}' in it; name the helm executable itself, or a folder holding it"
        : " was not found";

    private static string? SearchPath(string name, RenderEnvironment environment)
    {
        foreach (var folder in PathFolders(environment))
        {
            var candidate = Path.Combine(folder, name);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> PathFolders(RenderEnvironment environment) =>
        (environment.GetVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(environment.ResolvePath);

    private static string DescribePath(RenderEnvironment environment)
    {
        var folders = PathFolders(environment).ToArray();
        return folders.Length == 0 ? "PATH is empty" : "searched " + string.Join(Path.PathSeparator, folders);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        // Like a shell, skip a non-executable file of the right name and keep looking further down PATH.
        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    private static string ExecutableName(string name) =>
        OperatingSystem.IsWindows() && !Path.HasExtension(name) ? name + ".exe" : name;

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    [GeneratedRegex(@"v?(\d+)\.(\d+)\.(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
