using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Helm;

/// <summary>What the user asked for, classified. Build one with <see cref="Parse"/>.</summary>
/// <param name="Kind">Local, classic repository, or OCI registry.</param>
/// <param name="Location">
/// <see cref="ChartSourceKind.Local"/>: the full path. <see cref="ChartSourceKind.Repository"/>: the repository URL as given,
/// without a trailing slash. <see cref="ChartSourceKind.Oci"/>: the full chart reference <c>oci://host/path/name</c>, without a tag.
/// </param>
/// <param name="Name">The chart name; <see langword="null"/> for local charts (their Chart.yaml says).</param>
/// <param name="Version">The requested version; always set for repository and OCI charts, optional for local ones.</param>
internal sealed partial record ChartSource(ChartSourceKind Kind, string Location, string? Name, string? Version)
{
    /// <summary>The repository a bare chart name comes from when none is given.</summary>
    public const string DefaultRepository = RenderRequest.DefaultRepository;

    /// <summary>The version a chart from a repository or registry gets when none is named.</summary>
    public const string DefaultVersion = RenderRequest.DefaultChartVersion;

    private const string OciScheme = "oci://";

    /// <summary>
    /// The content-cache key: normalized repository (scheme and host lower-cased, no credentials, no trailing slash;
    /// for OCI the registry path holding the chart), chart name and version. <see langword="null"/> for local charts.
    /// </summary>
    public string? CacheKey => Kind == ChartSourceKind.Local ? null : $"{NormalizedRepository()} {Name} {Version}";

    /// <summary>The source for people: <c>https://helm.cilium.io cilium 1.18.1</c>, a path, or <c>oci://…/cilium:1.18.1</c>.</summary>
    public string Display => Kind switch
    {
        ChartSourceKind.Repository => $"{Location} {Name} {Version}",
        ChartSourceKind.Oci => $"{Location}:{Version}",
        _ => Location,
    };

    /// <summary>Classifies a chart argument.</summary>
    /// <param name="chart"><c>oci://…</c>, a path to a .tgz or folder, or a chart name.</param>
    /// <param name="repository">Repository URL (or <c>oci://</c> registry path) for a chart name; <see langword="null"/> means <see cref="DefaultRepository"/>.</param>
    /// <param name="version">The chart version; required for repository and OCI charts.</param>
    /// <param name="environment">Resolves relative paths.</param>
    /// <returns>The classified source.</returns>
    /// <exception cref="DiagnosticException">TCR0004 conflicting options; TCR1005 missing local chart; TCR1010 no version.</exception>
    public static ChartSource Parse(string chart, string? repository, string? version, RenderEnvironment environment)
    {
        chart = chart.Trim();
        repository = string.IsNullOrWhiteSpace(repository) ? null : repository.Trim();
        version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        if (chart.Length == 0)
        {
            throw DiagnosticCatalog.InvalidOption.Exception("the chart", chart, "give a chart name, a chart .tgz or folder, or an oci:// reference");
        }

        if (chart.StartsWith(OciScheme, StringComparison.OrdinalIgnoreCase))
        {
            if (repository is not null)
            {
                throw DiagnosticCatalog.InvalidOption.Exception("--repo", repository, $"it cannot be combined with the OCI chart '{chart}', which already names its registry; drop --repo");
            }

            return FromOciReference(chart, version);
        }

        var fullPath = environment.ResolvePath(chart);
        var exists = File.Exists(fullPath) || Directory.Exists(fullPath);
        var looksLikePath = exists
            || chart.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
            || chart.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
            || chart.IndexOfAny(['/', '\\']) >= 0
            || chart.StartsWith('.');
        if (!looksLikePath)
        {
            return FromRepository(repository ?? DefaultRepository, chart, version);
        }

        if (repository is not null)
        {
            throw DiagnosticCatalog.InvalidOption.Exception("--repo", repository, $"it cannot be combined with the local chart '{chart}'; drop --repo, or pass a chart name instead of a path");
        }

        if (!exists)
        {
            var alias = RepositoryAlias().Match(chart);
            throw DiagnosticCatalog.ChartNotFound.Exception(chart, alias.Success
                ? $"'{fullPath}' does not exist. Repository aliases from 'helm repo add' are not used: pass the chart name ('{alias.Groups["name"].Value}') and the repository URL with --repo (default {DefaultRepository})"
                : $"'{fullPath}' does not exist. Check the path (relative paths are resolved against '{environment.WorkingDirectory}')");
        }

        return new ChartSource(ChartSourceKind.Local, fullPath, null, version);
    }

    /// <summary>
    /// Classifies the chart a render asks for, with the version default: a chart from a repository or registry gets
    /// <see cref="DefaultVersion"/> when <paramref name="version"/> is null; a local chart is whatever version it is.
    /// </summary>
    /// <param name="chart"><c>oci://…</c>, a path to a .tgz or folder, or a chart name.</param>
    /// <param name="repository">Repository URL (or <c>oci://</c> registry path) for a chart name; <see langword="null"/> means <see cref="DefaultRepository"/>.</param>
    /// <param name="version">The chart version; <see langword="null"/> for the default.</param>
    /// <param name="environment">Resolves relative paths.</param>
    /// <returns>The classified source.</returns>
    /// <exception cref="DiagnosticException">As <see cref="Parse"/>.</exception>
    public static ChartSource ForRender(string chart, string? repository, string? version, RenderEnvironment environment)
    {
        var source = Parse(chart, repository, version ?? DefaultVersion, environment);
        return source.Kind == ChartSourceKind.Local && version is null ? source with { Version = null } : source;
    }

    /// <summary>A chart by name from a repository URL, or from an <c>oci://</c> registry path.</summary>
    /// <param name="repository">An http(s) repository URL; or <c>oci://host/path</c> holding the chart, or the full <c>oci://host/path/name</c>.</param>
    /// <param name="name">The chart name.</param>
    /// <param name="version">The chart version.</param>
    /// <returns>The source.</returns>
    /// <exception cref="DiagnosticException">TCR0004 bad URL; TCR1010 no version.</exception>
    public static ChartSource FromRepository(string repository, string name, string? version)
    {
        if (repository.StartsWith(OciScheme, StringComparison.OrdinalIgnoreCase))
        {
            var registryPath = TrimTrailingSlashes(repository);
            // Accept both the folder holding the chart and the chart reference itself.
            var reference = registryPath.EndsWith("/" + name, StringComparison.Ordinal) ? registryPath : registryPath + "/" + name;
            return FromOciReference(reference, version);
        }

        if (!Uri.TryCreate(repository, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw DiagnosticCatalog.InvalidOption.Exception("--repo", repository, "use an http(s):// chart repository URL or an oci:// registry path");
        }

        var location = repository.TrimEnd('/');
        return version is null
            ? throw DiagnosticCatalog.ChartVersionRequired.Exception(name, location)
            : new ChartSource(ChartSourceKind.Repository, location, name, version);
    }

    /// <summary>The <c>helm pull</c> argument list that downloads this chart into <paramref name="destinationDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">For a local chart, which is never pulled.</exception>
    public IReadOnlyList<string> ToPullArgumentList(string destinationDirectory) => Kind switch
    {
        ChartSourceKind.Repository => ["pull", Name!, "--repo", Location, "--version", Version!, "--destination", destinationDirectory],
        ChartSourceKind.Oci => ["pull", Location, "--version", Version!, "--destination", destinationDirectory],
        _ => throw new InvalidOperationException("A local chart is never pulled."),
    };

    private static ChartSource FromOciReference(string reference, string? version)
    {
        reference = TrimTrailingSlashes(reference);
        var path = reference[OciScheme.Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1 || reference.Contains('@', StringComparison.Ordinal))
        {
            throw DiagnosticCatalog.InvalidOption.Exception("the chart", reference, "an OCI chart is oci://<registry>/<path>/<chart> with the version in --version, e.g. oci://quay.io/cilium/charts/cilium");
        }

        // A tag on the reference (oci://…/cilium:1.18.1) is the version; the host's port colon comes before the first slash.
        var lastSlash = reference.LastIndexOf('/');
        var tagColon = reference.IndexOf(':', lastSlash);
        if (tagColon > 0)
        {
            var tag = reference[(tagColon + 1)..];
            if (version is not null && version != tag)
            {
                throw DiagnosticCatalog.InvalidOption.Exception("--version", version, $"the reference '{reference}' already pins version '{tag}'; give the version once");
            }

            version = tag;
            reference = reference[..tagColon];
        }

        var name = reference[(lastSlash + 1)..];
        return version is null
            ? throw DiagnosticCatalog.ChartVersionRequired.Exception(reference, reference[..lastSlash])
            : new ChartSource(ChartSourceKind.Oci, reference, name, version);
    }

    // Only after the scheme: "oci://" itself must stay a (bad, reported) reference, not shrink to "oci:".
    private static string TrimTrailingSlashes(string ociReference) =>
        string.Concat(ociReference.AsSpan(0, OciScheme.Length), ociReference.AsSpan(OciScheme.Length).TrimEnd('/'));

    private string NormalizedRepository()
    {
        if (Kind == ChartSourceKind.Oci)
        {
            var path = Location[OciScheme.Length..Location.LastIndexOf('/')];
            // The registry host is case-insensitive, the repository path is not; a chart right under the host has no path.
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? OciScheme + path.ToLowerInvariant() : OciScheme + path[..slash].ToLowerInvariant() + path[slash..];
        }

        // Scheme and host are case-insensitive and a default port is noise; credentials and query tokens must not reach the cache.
        var uri = new Uri(Location);
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
    }

    [GeneratedRegex(@"^(?<alias>[A-Za-z0-9][A-Za-z0-9_-]*)/(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryAlias();
}
