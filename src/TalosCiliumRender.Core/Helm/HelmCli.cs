using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Runs helm with a private, throw-away helm home, so renders neither need nor touch the user's
/// <c>helm repo add</c> state and come out the same on every machine.
/// </summary>
/// <remarks>
/// Registry credentials are the exception: <c>HELM_REGISTRY_CONFIG</c> keeps pointing at the user's file so
/// <c>oci://</c> charts behind a <c>helm registry login</c> still work.
/// </remarks>
internal sealed partial class HelmCli : IDisposable
{
    /// <summary>Lines of stderr quoted in a failure diagnostic; helm's actual error is the last line or two.</summary>
    internal const int StandardErrorTailLines = 20;

    /// <summary>The prefix of the temporary folder that holds one <c>helm template</c> run's values file.</summary>
    internal const string TemplateFolderPrefix = "talos-cilium-render-";

    private const string ProbeRepositoryName = "talos-cilium-probe";

    private readonly TimeSpan _timeout;
    private readonly RenderEnvironment _environment;
    private readonly string _home;
    private bool _disposed;

    /// <summary>Creates the private helm home; <see cref="Dispose"/> deletes it.</summary>
    /// <param name="tool">The helm to run, from <see cref="HelmLocator"/>.</param>
    /// <param name="timeout">Longest a single helm run may take; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="environment">Supplies the user's variables (for the registry config), working directory and clock.</param>
    public HelmCli(HelmTool tool, TimeSpan timeout, RenderEnvironment environment)
    {
        Tool = tool;
        _timeout = timeout;
        _environment = environment;
        _home = Directory.CreateTempSubdirectory("talos-cilium-helm-").FullName;
        EnvironmentVariables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HELM_CACHE_HOME"] = Path.Combine(_home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(_home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(_home, "data"),
            // Set explicitly, because a user's own values for these would otherwise win over the homes above.
            ["HELM_REPOSITORY_CONFIG"] = Path.Combine(_home, "config", "repositories.yaml"),
            ["HELM_REPOSITORY_CACHE"] = Path.Combine(_home, "cache", "repository"),
            ["HELM_REGISTRY_CONFIG"] = UserRegistryConfig(environment),
        };
    }

    /// <summary>The helm being run.</summary>
    public HelmTool Tool { get; }

    /// <summary>The variables every helm run gets on top of this process's environment.</summary>
    internal IReadOnlyDictionary<string, string?> EnvironmentVariables { get; }

    /// <summary>The private helm home (deleted on dispose).</summary>
    internal string HomeDirectory => _home;

    /// <summary>Runs <c>helm template</c>.</summary>
    /// <returns>The rendered manifests and any warnings.</returns>
    /// <exception cref="DiagnosticException">TCR1002 helm failed; TCR1004 timed out; TCR1012 could not start.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; helm was killed.</exception>
    /// <remarks>
    /// helm reads the values from a file in a private temporary folder made for this run and removed after it (a
    /// folder a killed run leaves is removed by a later render, see <c>StaleTemporaryFolders</c>).
    /// </remarks>
    public async Task<HelmResult> TemplateAsync(HelmTemplateArguments arguments, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory(TemplateFolderPrefix);
        try
        {
            var valuesFile = Path.Combine(workDirectory.FullName, "values.yaml");
            // Written synchronously: the file is small, and an await here would queue helm's start behind whatever work
            // the thread pool is busy with while helm runs (the render overlaps its own work with helm's).
            File.WriteAllText(valuesFile, arguments.ValuesYaml);
            var argumentList = arguments.ToArgumentList(valuesFile);
            var result = await RunAsync(argumentList, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0
                ? new HelmResult(result.StandardOutput, result.StandardError)
                : throw Failed(argumentList, result);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Downloads a repository or OCI chart with <c>helm pull</c>.</summary>
    /// <param name="source">A <see cref="ChartSourceKind.Repository"/> or <see cref="ChartSourceKind.Oci"/> source.</param>
    /// <param name="destinationDirectory">An empty folder to download into.</param>
    /// <param name="cancellationToken">Kills helm.</param>
    /// <returns>The path of the downloaded .tgz.</returns>
    /// <exception cref="DiagnosticException">TCR1006 no such chart or version; TCR1007 download failed; TCR1004 timed out.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; helm was killed.</exception>
    public async Task<string> PullAsync(ChartSource source, string destinationDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destinationDirectory);
        var result = await RunAsync(source.ToPullArgumentList(destinationDirectory), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw await PullFailedAsync(source, result, cancellationToken).ConfigureAwait(false);
        }

        return Directory.GetFiles(destinationDirectory, "*.tgz") is [var archive]
            ? archive
            : throw DiagnosticCatalog.ChartDownloadFailed.Exception(source.Name, source.Version, source.Location, $"helm pull succeeded but left no single chart archive in '{destinationDirectory}'");
    }

    /// <summary>Deletes the private helm home.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless and the OS cleans it; failing a finished render over it is not.
        }
    }

    /// <summary>
    /// helm's own default for the registry config, computed from the user's (not our private) environment:
    /// <c>$HELM_REGISTRY_CONFIG</c>, else <c>$HELM_CONFIG_HOME</c>, <c>$XDG_CONFIG_HOME/helm</c> or the platform config folder, plus <c>registry/config.json</c>.
    /// </summary>
    internal static string UserRegistryConfig(RenderEnvironment environment)
    {
        var configured = environment.GetVariable("HELM_REGISTRY_CONFIG");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var configHome = environment.GetVariable("HELM_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var xdg = environment.GetVariable("XDG_CONFIG_HOME");
            configHome = Path.Combine(string.IsNullOrEmpty(xdg) ? PlatformConfigFolder(environment) : xdg, "helm");
        }

        return Path.Combine(configHome, "registry", "config.json");
    }

    private static string PlatformConfigFolder(RenderEnvironment environment)
    {
        if (OperatingSystem.IsWindows())
        {
            var appData = environment.GetVariable("APPDATA");
            return string.IsNullOrEmpty(appData) ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData) : appData;
        }

        var home = environment.GetVariable("HOME");
        home = string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
        return OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Preferences") : Path.Combine(home, ".config");
    }

    private static string FormatTimeout(TimeSpan timeout) => timeout.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMinutes:0.#} min");

    private static DiagnosticException Failed(IReadOnlyList<string> arguments, HelmProcessResult result) =>
        DiagnosticCatalog.HelmFailed.Exception(result.ExitCode, HelmProcess.Display(arguments), HelmProcess.Tail(result.StandardError, StandardErrorTailLines));

    private async Task<HelmProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // Relative paths in arguments mean the user's working directory; a folder that does not exist (yet) must
            // not turn into a misleading "could not start helm".
            var workingDirectory = Directory.Exists(_environment.WorkingDirectory) ? _environment.WorkingDirectory : _home;
            return await HelmProcess.RunAsync(Tool.Path, arguments, EnvironmentVariables, workingDirectory, _timeout, _environment.Time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw DiagnosticCatalog.HelmTimedOut.Exception(HelmProcess.Display(arguments), FormatTimeout(_timeout));
        }
        catch (HelmStartException e)
        {
            throw DiagnosticCatalog.HelmNotRunnable.Exception(Tool.Path, e.Reason);
        }
    }

    private async Task<DiagnosticException> PullFailedAsync(ChartSource source, HelmProcessResult result, CancellationToken cancellationToken)
    {
        var stderr = result.StandardError;
        if (source.Kind == ChartSourceKind.Repository && RepositoryNotFound().IsMatch(stderr))
        {
            var available = await AvailableVersionsAsync(source, cancellationToken).ConfigureAwait(false);
            return DiagnosticCatalog.ChartVersionNotFound.Exception(source.Name, source.Version, source.Location, available);
        }

        if (source.Kind == ChartSourceKind.Oci && OciNotFound().IsMatch(stderr) && !NetworkFailure().IsMatch(stderr))
        {
            return DiagnosticCatalog.ChartVersionNotFound.Exception(source.Name, source.Version, source.Location, "not listed for OCI registries; see the registry's tags");
        }

        // helm ends with one "Error: …" line that says what went wrong; the rest is context.
        var reason = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("Error:", StringComparison.Ordinal)) is { } error
            ? error["Error:".Length..].Trim()
            : $"helm exited with code {result.ExitCode}: {HelmProcess.Tail(stderr, 3)}";
        return DiagnosticCatalog.ChartDownloadFailed.Exception(source.Name, source.Version, source.Location, reason.TrimEnd('.'));
    }

    /// <summary>
    /// The versions the repository offers, for the TCR1006 message. helm pull --repo deletes the index it fetched,
    /// so this adds the repository to the private home (one more index download, on the error path only) and reads it.
    /// </summary>
    private async Task<string> AvailableVersionsAsync(ChartSource source, CancellationToken cancellationToken)
    {
        const string unknown = "unknown; the repository index could not be read";
        try
        {
            var added = await RunAsync(["repo", "add", ProbeRepositoryName, source.Location, "--force-update"], cancellationToken).ConfigureAwait(false);
            var index = Path.Combine(EnvironmentVariables["HELM_REPOSITORY_CACHE"]!, ProbeRepositoryName + "-index.yaml");
            if (added.ExitCode != 0 || !File.Exists(index))
            {
                return unknown;
            }

            var (versions, names) = ChartRepositoryIndex.Read(index, source.Name!);
            return versions.Count > 0
                ? ChartRepositoryIndex.Describe(versions, 15)
                : names.Count > 0
                    ? $"none named '{source.Name}'; the repository has {string.Join(", ", names.Order(StringComparer.Ordinal))}"
                    : unknown;
        }
        catch (DiagnosticException)
        {
            return unknown;
        }
    }

    // helm 3 and 4: `chart "cilium" version "9.9.9" not found in <url> repository`, or without the version part
    // when the name is unknown.
    [GeneratedRegex(@"chart ""[^""]*""( version ""[^""]*"")? not found in ", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryNotFound();

    [GeneratedRegex(@"not found|manifest unknown", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OciNotFound();

    [GeneratedRegex(@"connection refused|no such host|i/o timeout|TLS handshake|certificate", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NetworkFailure();
}
