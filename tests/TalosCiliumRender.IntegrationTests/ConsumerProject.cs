using System.Text.RegularExpressions;

namespace TalosCiliumRender.IntegrationTests;

/// <summary>
/// A consumer project in a temporary folder, referencing the package as a user would (PackageReference, nothing
/// repo-relative): an empty Directory.Build.props/.targets so nothing above leaks in, a nuget.config that adds the
/// test feed (no &lt;clear/&gt;, no remote host), a global.json pinned to the running SDK, and a helm wrapper that
/// records every helm invocation before running the pinned real helm.
/// </summary>
internal sealed partial class ConsumerProject : IDisposable
{
    private readonly TempDirectory _temp = new();

    private ConsumerProject()
    {
        _temp.WriteFile("Directory.Build.props", "<Project />\n");
        _temp.WriteFile("Directory.Build.targets", "<Project />\n");
        _temp.WriteFile("global.json", $$"""{ "sdk": { "version": "{{PackageFeed.SdkVersion}}", "rollForward": "latestPatch" } }""" + "\n");
        // The machine's package folder serves packages other than ours (such as targeting packs) without a download;
        // ours has a version unique to this run, so it always comes from the feed.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machinePackages) ? $"<fallbackPackageFolders><add key=\"machine\" value=\"{machinePackages}\" /></fallbackPackageFolders>" : "";
        _temp.WriteFile("nuget.config", $"<configuration><packageSources><add key=\"test-feed\" value=\"{PackageFeed.Feed}\" /></packageSources>{fallback}</configuration>\n");
        HelmLog = _temp.Combine("helm-calls.log");
        Helm = _temp.WriteFile("tools/helm", $"#!/bin/sh\necho \"$1\" >> '{HelmLog}'\nexec '{TestPaths.Helm(TestPaths.Helm3Version)}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Helm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Folder => _temp.Path;

    public string Helm { get; }

    public string HelmLog { get; }

    /// <summary>How many times <c>helm template</c> ran so far.</summary>
    public int TemplateRuns => File.Exists(HelmLog) ? File.ReadAllLines(HelmLog).Count(l => l == "template") : 0;

    public static string Chart => TestPaths.ChartArchive("1.18.1");

    /// <summary>Copies samples/<paramref name="sample"/>, with the package version of this run.</summary>
    public static ConsumerProject FromSample(string sample)
    {
        var project = new ConsumerProject();
        var source = Path.Combine(TestPaths.RepositoryRoot, "samples", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var target = project.PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (target.EndsWith(".csproj", StringComparison.Ordinal))
            {
                var text = File.ReadAllText(target);
                var replaced = PackageVersion().Replace(text, $"${{1}}{PackageFeed.Version}\"");
                Assert.That(replaced, Is.Not.EqualTo(text), $"{relative} references TalosCiliumRender.MSBuild with a Version");
                File.WriteAllText(target, replaced);
            }
        }

        return project;
    }

    /// <summary>A project written by the test; <c>{PackageReference}</c> in <paramref name="projectXml"/> becomes the package reference.</summary>
    public static ConsumerProject Create(string name, string projectXml)
    {
        var project = new ConsumerProject();
        project.Write(name, projectXml.Replace("{PackageReference}", $"<PackageReference Include=\"TalosCiliumRender.MSBuild\" Version=\"{PackageFeed.Version}\" />", StringComparison.Ordinal));
        return project;
    }

    public string PathOf(string relative) => _temp.Combine(relative.Split('/'));

    public string Write(string relative, string content) => _temp.WriteFile(relative, content);

    /// <summary><c>dotnet build</c> with the shared chart and the recording helm, nothing left running afterwards.</summary>
    public Task<DotNetRun> BuildAsync(params string[] arguments) =>
        RunAsync(["build", "-nologo", "-nodeReuse:false", "--disable-build-servers", $"-p:TalosCiliumRenderChart={Chart}", $"-p:TalosCiliumRenderHelmPath={Helm}", .. arguments]);

    public Task<DotNetRun> RunAsync(IEnumerable<string> arguments) =>
        DotNetCli.RunAsync(Folder, arguments, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackageFeed.PackagesFolder,
            ["TALOS_CILIUM_HELM"] = null,
            ["TALOS_CILIUM_CHART_CACHE"] = _temp.Combine("chart-cache"),
        }, TimeSpan.FromMinutes(5));

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex(@"(<PackageReference\s+Include=""TalosCiliumRender\.MSBuild""\s+Version="")[^""]*""")]
    private static partial Regex PackageVersion();
}
