using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// A content-addressed store of downloaded chart archives, so a chart is fetched once and every later render
/// (or a machine with no network at all) uses the same bytes.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;root&gt;/blobs/sha256/&lt;hex&gt;.tgz</c> holds archives named by their digest, and
/// <c>&lt;root&gt;/refs/&lt;FNV-1a of the key&gt;.json</c> maps a reference (repository, name, version) to a digest.
/// Every write goes to a temporary file in the destination folder and is then renamed, so a reader never sees a
/// half-written file and concurrent writers of the same chart are harmless. A blob whose bytes no longer match its
/// name is treated as absent.
/// </remarks>
internal sealed partial class ChartCache
{
    /// <summary>Environment variable that moves the cache; see <see cref="DefaultRoot"/>.</summary>
    public const string EnvironmentVariable = "TALOS_CILIUM_CHART_CACHE";

    private const string DigestPrefix = "sha256:";

    /// <summary>Opens (without creating) the cache rooted at <paramref name="root"/>.</summary>
    /// <param name="root">The cache folder; created on first write.</param>
    public ChartCache(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    private string BlobFolder => Path.Combine(Root, "blobs", "sha256");

    private string RefFolder => Path.Combine(Root, "refs");

    /// <summary>
    /// Where the cache lives: <paramref name="configured"/> (a <c>--chart-cache</c> or <c>ChartCache</c> setting) when
    /// given, else <see cref="DefaultRoot"/>. Renders and the <c>cache</c> commands both ask here, so they agree.
    /// </summary>
    /// <param name="configured">The folder the user named; null or blank for the default.</param>
    /// <param name="environment">Resolves a relative folder against its working directory, and supplies the variables.</param>
    /// <returns>A full path.</returns>
    internal static string RootFor(string? configured, RenderEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(configured) ? DefaultRoot(environment) : environment.ResolvePath(configured);
    }

    /// <summary>
    /// Where the cache lives when not given: <c>$TALOS_CILIUM_CHART_CACHE</c>, else <c>$XDG_CACHE_HOME/talos-cilium/charts</c>,
    /// else <c>~/.cache/talos-cilium/charts</c> (Windows: <c>%LOCALAPPDATA%\talos-cilium\charts</c>).
    /// </summary>
    /// <param name="environment">Supplies the variables; a relative <c>TALOS_CILIUM_CHART_CACHE</c> resolves against its working directory.</param>
    /// <returns>A full path.</returns>
    public static string DefaultRoot(RenderEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment.GetVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return environment.ResolvePath(configured);
        }

        // The XDG spec says relative values are invalid and must be ignored.
        var xdg = environment.GetVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "talos-cilium", "charts");
        }

        if (OperatingSystem.IsWindows())
        {
            var local = environment.GetVariable("LOCALAPPDATA");
            return Path.Combine(
                string.IsNullOrWhiteSpace(local) ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) : local,
                "talos-cilium",
                "charts");
        }

        var home = environment.GetVariable("HOME");
        return Path.Combine(
            string.IsNullOrWhiteSpace(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home,
            ".cache",
            "talos-cilium",
            "charts");
    }

    /// <summary>
    /// Pre-seeds the cache for air-gapped use: files a local chart archive under the key it would get if it had been
    /// downloaded from <paramref name="repository"/>, reading its name and version from its Chart.yaml. The archive is
    /// verified whole first (gzip stream, tar archive, Chart.yaml, and a file name of the form <c>name-version.tgz</c>
    /// that names the same chart); a file that fails is not filed, and an entry already in the cache stays as it was.
    /// </summary>
    /// <param name="archivePath">A chart .tgz (for example from <c>helm pull</c> on a connected machine).</param>
    /// <param name="repository">The repository URL (or <c>oci://</c> registry path) renders will name; <see langword="null"/> means <c>https://helm.cilium.io</c>.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>
    /// The entry, or a diagnostic: TCR1005 missing file, TCR1009 not a chart archive, TCR1020 cut off or damaged, TCR1021
    /// too large, TCR1022 named for another chart, TCR3004 unreadable, TCR0004 bad repository, TCR1013 cache not writable.
    /// </returns>
    public async Task<ChartCacheResult> AddArchiveAsync(string archivePath, string? repository, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        try
        {
            var fullPath = Path.GetFullPath(archivePath);
            if (Directory.Exists(fullPath))
            {
                throw DiagnosticCatalog.ChartInvalid.Exception(fullPath, File.Exists(Path.Combine(fullPath, "Chart.yaml"))
                    ? "it is a chart folder, and the cache holds archives only; package it with 'helm package' first"
                    : "it is a folder, and the cache holds chart archives (.tgz) only");
            }

            if (!File.Exists(fullPath))
            {
                throw DiagnosticCatalog.ChartNotFound.Exception(fullPath, "the path does not exist");
            }

            var repositoryUrl = string.IsNullOrWhiteSpace(repository) ? ChartSource.DefaultRepository : repository.Trim();
            var entry = await AddAsync(fullPath, metadata =>
            {
                CheckFileName(fullPath, metadata);
                return ChartSource.FromRepository(repositoryUrl, metadata.Name, metadata.Version).CacheKey!;
            }, cancellationToken).ConfigureAwait(false);
            return ChartCacheResult.Success(entry);
        }
        catch (DiagnosticException e)
        {
            return ChartCacheResult.Failure(e.Diagnostic);
        }
    }

    /// <summary>The cached archive for <paramref name="key"/>, if present and intact.</summary>
    /// <param name="key">The reference (repository, name, version).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="verify">
    /// Hash the archive and treat one whose bytes no longer match its name as absent; <see langword="false"/> leaves
    /// that to the caller (a render checks the digest while helm runs, and renders again without trusting the cache
    /// when it does not match).
    /// </param>
    /// <returns>The entry, or <see langword="null"/> on a miss (absent, unreadable, or corrupted).</returns>
    internal async Task<ChartCacheEntry?> TryGetAsync(string key, CancellationToken cancellationToken, bool verify = true)
    {
        var refPath = RefPath(key);
        if (!File.Exists(refPath))
        {
            return null;
        }

        try
        {
            // A small local file: read synchronously, as CacheRecord reads records, to spare a thread-pool hop before helm.
            using var document = JsonDocument.Parse(File.ReadAllBytes(refPath));
            var root = document.RootElement;
            var storedKey = root.GetProperty("key").GetString();
            var name = root.GetProperty("name").GetString();
            var version = root.GetProperty("version").GetString();
            var digest = root.GetProperty("digest").GetString();
            if (storedKey != key || name is null || version is null || !IsDigest(digest))
            {
                return null;
            }

            var blob = BlobPath(digest);
            if (!File.Exists(blob) || (verify && await ChartArchive.ComputeDigestAsync(blob, cancellationToken).ConfigureAwait(false) != digest))
            {
                return null;
            }

            return new ChartCacheEntry(key, name, version, digest, blob);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged or foreign ref file is a miss: the caller downloads again and overwrites it.
            return null;
        }
    }

    /// <summary>
    /// The cached archive with content <paramref name="digest"/>, whatever reference filed it: how an output's provenance
    /// header (which names the digest) finds the chart it was rendered with.
    /// </summary>
    /// <returns>The archive's path, or <see langword="null"/> when it is absent or its bytes no longer match.</returns>
    internal async Task<string?> TryGetBlobAsync(string digest, CancellationToken cancellationToken)
    {
        if (!IsDigest(digest))
        {
            return null;
        }

        var blob = BlobPath(digest);
        try
        {
            return File.Exists(blob) && await ChartArchive.ComputeDigestAsync(blob, cancellationToken).ConfigureAwait(false) == digest ? blob : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable is absent: the caller names the other ways to supply the chart
        }
    }

    /// <summary>
    /// Copies an archive into the cache, verifies the copy completely (<see cref="ChartArchive.Verify"/>), and files it
    /// under the key <paramref name="keyOf"/> gives for its metadata. Nothing is filed unless every check passes.
    /// </summary>
    /// <param name="archivePath">The archive; read once, so it may be a pipe.</param>
    /// <param name="keyOf">The cache key for the archive's Chart.yaml; throws a <see cref="DiagnosticException"/> to refuse it.</param>
    /// <param name="cancellationToken">Stops the copy and the check.</param>
    /// <exception cref="DiagnosticException">
    /// TCR1009, TCR1020, TCR1021 from the check; TCR3004 when the archive cannot be read; TCR1013 when the cache cannot be written.
    /// </exception>
    internal async Task<ChartCacheEntry> AddAsync(string archivePath, Func<ChartMetadata, string> keyOf, CancellationToken cancellationToken)
    {
        string temporary;
        try
        {
            Directory.CreateDirectory(BlobFolder);
            Directory.CreateDirectory(RefFolder);
            temporary = TemporaryPath(BlobFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.ChartCacheUnusable.Exception(Root, e.Message);
        }

        try
        {
            // Hash while copying, and verify the copy, so the name and the check always hold for the bytes that land.
            var digest = await CopyAndHashAsync(archivePath, temporary, cancellationToken).ConfigureAwait(false);
            var metadata = ChartArchive.Verify(temporary, archivePath, cancellationToken);
            var key = keyOf(metadata);
            var blob = BlobPath(digest);
            if (File.Exists(blob) && await ChartArchive.ComputeDigestAsync(blob, cancellationToken).ConfigureAwait(false) == digest)
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, blob, overwrite: true);
            }

            await CacheRecord.WriteAsync(RefPath(key), RefJson(key, metadata, digest), cancellationToken).ConfigureAwait(false);
            return new ChartCacheEntry(key, metadata.Name, metadata.Version, digest, blob);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.ChartCacheUnusable.Exception(Root, e.Message);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// TCR1022 when the file is named <c>name-version.tgz</c>, as <c>helm package</c> and <c>helm pull</c> name
    /// archives, for another chart or version than its Chart.yaml: a copy under the wrong name, which the cache would
    /// otherwise file as whatever it really is. Other file names claim nothing.
    /// </summary>
    private static void CheckFileName(string archivePath, ChartMetadata metadata)
    {
        var fileName = Path.GetFileName(archivePath);
        // OCI tags cannot hold '+', so an archive from an OCI registry may carry '_' in its place.
        if (fileName.Replace('_', '+') == $"{metadata.Name}-{metadata.Version}.tgz".Replace('_', '+')
            || ClaimedChart().Match(fileName) is not { Success: true } claim)
        {
            return;
        }

        throw DiagnosticCatalog.ChartArchiveMisnamed.Exception(archivePath, claim.Groups["name"].Value, claim.Groups["version"].Value, metadata.Name, metadata.Version);
    }

    internal string BlobPath(string digest) => Path.Combine(BlobFolder, digest[DigestPrefix.Length..] + ".tgz");

    /// <remarks>
    /// Named by 64-bit FNV-1a of the key, not a cryptographic hash: the ref holds its whole key and is trusted only when
    /// that matches, and a warm render of a cached chart then loads no crypto library before helm starts.
    /// </remarks>
    internal string RefPath(string key) => Path.Combine(RefFolder, FileIdentity.NameOf(key) + ".json");

    /// <summary>True for <c>sha256:</c> and 64 lowercase hex digits, the only digests the cache names files by.</summary>
    internal static bool IsDigest([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(DigestPrefix, StringComparison.Ordinal)
        && digest.AsSpan(DigestPrefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;

    private static string TemporaryPath(string folder) => Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".tmp");

    private static byte[] RefJson(string key, ChartMetadata metadata, string digest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("name", metadata.Name);
            writer.WriteString("version", metadata.Version);
            writer.WriteString("digest", digest);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> and returns its digest. The first bytes
    /// must be gzip's signature, so a device such as <c>/dev/zero</c> is refused at once, and the copy stops past
    /// <see cref="ChartArchive.MaxArchiveBytes"/>.
    /// </summary>
    private static async Task<string> CopyAndHashAsync(string source, string destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var input = OpenSource(source);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                var read = await ReadSourceAsync(source, () => input.ReadAtLeastAsync(buffer, 3, throwOnEndOfStream: false, cancellationToken).AsTask()).ConfigureAwait(false);
                ChartArchive.CheckSignature(buffer.AsSpan(0, Math.Min(read, 3)), source);
                long total = 0;
                while (read > 0)
                {
                    total += read;
                    if (total > ChartArchive.MaxArchiveBytes)
                    {
                        throw DiagnosticCatalog.ChartArchiveTooLarge.Exception(source, $"the file holds more than {ChartArchive.MaxArchiveBytes / (1024 * 1024)} MiB");
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    read = await ReadSourceAsync(source, () => input.ReadAsync(buffer, cancellationToken).AsTask()).ConfigureAwait(false);
                }
            }
        }

        return DigestPrefix + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>Opens the archive to add; a failure is the source's (TCR3004), not the cache's.</summary>
    private static FileStream OpenSource(string source)
    {
        try
        {
            return new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(source, e.Message);
        }
    }

    private static async Task<int> ReadSourceAsync(string source, Func<Task<int>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw DiagnosticCatalog.FileUnreadable.Exception(source, e.Message);
        }
    }

    /// <summary><c>name-version.tgz</c> with a SemVer version, as helm names chart archives.</summary>
    [GeneratedRegex(@"^(?<name>.+)-(?<version>v?[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:[+_][0-9A-Za-z._-]+)?)\.tgz$")]
    private static partial Regex ClaimedChart();
}
