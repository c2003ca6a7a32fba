using System.Globalization;

namespace TalosCiliumRender.IntegrationTests;

/// <summary>
/// Packs TalosCiliumRender.MSBuild once per test run into a temporary local feed, with a version no other run uses
/// (MinVer's PackagesFixture), and provides the per-run NuGet package folder every consumer build restores into.
/// </summary>
[SetUpFixture]
public sealed class PackageFeed
{
    private static TempDirectory? s_root;

    public static string Feed { get; private set; } = "";

    public static string PackagesFolder { get; private set; } = "";

    public static string Version { get; private set; } = "";

    public static string SdkVersion { get; private set; } = "";

    public static string Root => s_root?.Path ?? throw new InvalidOperationException("The package feed is not set up.");

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        s_root = new TempDirectory();
        Feed = s_root.Combine("feed");
        PackagesFolder = s_root.Combine("packages");
        Version = string.Create(CultureInfo.InvariantCulture, $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");

        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "TalosCiliumRender.MSBuild", "TalosCiliumRender.MSBuild.csproj");
        var pack = await DotNetCli.RunAsync(TestPaths.RepositoryRoot,
            ["pack", project, "-c", DotNetCli.Configuration, "--no-build", "-o", Feed, $"-p:Version={Version}", "-nologo", "-nodeReuse:false"]);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString);

        var sdk = await DotNetCli.RunAsync(TestPaths.RepositoryRoot, ["--version"]);
        Assert.That(sdk.ExitCode, Is.Zero, sdk.ToString);
        SdkVersion = sdk.Output.Trim();
    }

    [OneTimeTearDown]
    public void Delete() => s_root?.Dispose();
}
