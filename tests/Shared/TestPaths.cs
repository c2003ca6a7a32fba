namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>Where tests find the repository, ../shared and the pinned helm binaries.</summary>
internal static class TestPaths
{
    public const string Helm3Version = "v3.17.3";
    public const string Helm4Version = "v4.1.4";

    /// <summary>Both pinned helm versions, for <c>[TestCaseSource]</c>.</summary>
    public static readonly string[] HelmVersions = [Helm3Version, Helm4Version];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared beside the repository, or <c>TCR_SHARED</c>.</summary>
    public static string Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("TCR_SHARED");
            var path = Path.GetFullPath(string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared") : configured);
            if (!Directory.Exists(path))
            {
                Assert.Fail($"The shared test data folder '{path}' does not exist. Put shared/ beside the repository or set TCR_SHARED.");
            }

            return path;
        }
    }

    public static string Charts => Path.Combine(Shared, "charts");

    public static string ChartArchive(string version) => Path.Combine(Charts, $"cilium-{version}.tgz");

    /// <summary>The chart versions in ../shared/charts, for <c>[TestCaseSource]</c>.</summary>
    public static readonly string[] ChartVersions = ["1.17.18", "1.18.1", "1.19.6"];

    /// <summary>
    /// The pinned helm binary for a version. Fails (never skips) when it is missing, saying how to install it.
    /// <c>TCR_HELM_DIR</c> overrides the folder that holds <c>&lt;version&gt;/helm</c>.
    /// </summary>
    public static string Helm(string version)
    {
        var configured = Environment.GetEnvironmentVariable("TCR_HELM_DIR");
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, ".tools", "helm") : configured;
        var path = Path.Combine(root, version, "helm");
        if (!File.Exists(path))
        {
            Assert.Fail($"helm {version} is not installed at '{path}'. Run build/install-helm.sh (the README's test command does this).");
        }

        return path;
    }

    /// <summary>The FakeHelm apphost built next to the tests.</summary>
    public static string FakeHelm
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("release", StringComparison.OrdinalIgnoreCase) ? "release" : "debug";
            var path = Path.Combine(RepositoryRoot, "artifacts", "bin", "TalosCiliumRender.FakeHelm", configuration, "fake-helm");
            if (!File.Exists(path))
            {
                Assert.Fail($"FakeHelm is not built at '{path}'. Build the solution first.");
            }

            return path;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalosCiliumRender.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find TalosCiliumRender.sln above " + AppContext.BaseDirectory);
    }
}
