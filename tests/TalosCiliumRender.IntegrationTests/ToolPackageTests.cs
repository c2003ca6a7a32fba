using System.IO.Compression;
using System.Runtime.InteropServices;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.IntegrationTests;

/// <summary>
/// The talos-cilium tool as users get it: packed by build/pack-tool.sh (pointer package, linux-x64 Native AOT,
/// framework-dependent "any"), installed with <c>dotnet tool install</c> into a private tool path, and run as a
/// process. Native AOT only shows its faults in the compiled binary, so the real commands run through it.
/// </summary>
public sealed class ToolPackageTests
{
    private TempDirectory _root = null!;
    private string _feed = "";
    private string _tool = "";

    [OneTimeSetUp]
    public async Task PackAndInstallAsync()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Ignore("The native tool package is built for linux-x64 only.");
        }

        _root = new TempDirectory();
        _feed = _root.Combine("feed");

        // Its own artifacts folder, so packing neither races with nor rewrites the build the other tests use.
        var script = Path.Combine(TestPaths.RepositoryRoot, "build", "pack-tool.sh");
        var pack = await ChildProcess.RunAsync("bash", [script, _feed, "--artifacts-path", _root.Combine("artifacts")], TestPaths.RepositoryRoot, TimeSpan.FromMinutes(15));
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString);

        // A private package folder: an older 0.1.0 in ~/.nuget/packages must not be installed instead.
        var install = await DotNetCli.RunAsync(_root.Path,
            ["tool", "install", "TalosCiliumRender.Cli", "--tool-path", _root.Combine("tools"), "--add-source", _feed],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _root.Combine("packages") });
        Assert.That(install.ExitCode, Is.Zero, install.ToString);
        _tool = Path.Combine(_root.Combine("tools"), "talos-cilium");
    }

    [OneTimeTearDown]
    public void Delete() => _root?.Dispose();

    [Test]
    public void The_installed_command_is_the_native_linux_x64_build()
    {
        var target = new FileInfo(_tool).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? _tool;
        var magic = new byte[4];
        using (var stream = File.OpenRead(target))
        {
            stream.ReadExactly(magic);
        }

        Assert.Multiple(() =>
        {
            Assert.That(target, Does.Contain("talosciliumrender.cli.linux-x64"));
            Assert.That(magic, Is.EqualTo("\u007fELF"u8.ToArray()), "an ELF executable, not a managed shim");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.dll"), Is.Empty, "no managed assemblies beside it");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.dbg"), Is.Empty, "native symbols stay out of the package");
        });
    }

    [Test]
    public async Task Kustomize_through_the_native_tool_prints_what_kubectl_kustomize_printed_for_every_shared_case()
    {
        var cases = Directory.GetDirectories(Path.Combine(TestPaths.Shared, "conformance", "kustomize", "cases")).Order(StringComparer.Ordinal).ToList();
        Assert.That(cases, Is.Not.Empty);
        var failures = new List<string>();
        foreach (var folder in cases)
        {
            var run = await ChildProcess.RunAsync(_tool, ["kustomize", folder], folder);
            var expected = Path.Combine(folder, "expected.yaml");
            if (File.Exists(expected))
            {
                if (run.ExitCode != 0 || !run.StandardOutputBytes.AsSpan().SequenceEqual(File.ReadAllBytes(expected)))
                {
                    failures.Add($"{Path.GetFileName(folder)}: {run}");
                }
            }
            else if (run.ExitCode == 0 || !run.Error.Contains("TCR", StringComparison.Ordinal) || run.Output.Length > 0)
            {
                failures.Add($"{Path.GetFileName(folder)} should fail with a coded error and no output: {run}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Render_through_the_native_tool_matches_the_library()
    {
        using var work = new TempDirectory();
        var output = work.Combine("cilium-manifests.yaml");
        var chart = TestPaths.ChartArchive("1.18.1");
        var helm = TestPaths.Helm(TestPaths.Helm3Version);
        var run = await ChildProcess.RunAsync(_tool,
            ["render", "--chart", chart, "--helm", helm, "--chart-cache", work.Combine("cache"), "--feature", "hubble-ui", "-o", output],
            work.Path);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);

        var library = await new ManifestRenderer().RenderAsync(new RenderRequest
        {
            Chart = chart,
            HelmPath = helm,
            ChartCacheDirectory = work.Combine("cache"),
            Features = ["hubble-ui"],
        });
        Assert.That(library.Succeeded, Is.True, () => string.Join('\n', library.Diagnostics));
        Assert.That(ManifestComparison.Differences(library.Manifest!, await File.ReadAllTextAsync(output)), Is.Empty);
    }

    [Test]
    public async Task Other_platforms_get_the_framework_dependent_build()
    {
        var pointer = Directory.GetFiles(_feed, "TalosCiliumRender.Cli.0.*.nupkg").Single();
        string settings;
        using (var package = ZipFile.OpenRead(pointer))
        {
            using var reader = new StreamReader(package.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
            settings = await reader.ReadToEndAsync();
        }

        using var any = new TempDirectory();
        ZipFile.ExtractToDirectory(Directory.GetFiles(_feed, "TalosCiliumRender.Cli.any.*.nupkg").Single(), any.Path);
        var dll = Directory.GetFiles(any.Path, "talos-cilium.dll", SearchOption.AllDirectories).Single();
        var version = await ChildProcess.RunAsync(DotNetCli.Executable, [dll, "version"], any.Path);

        Assert.Multiple(() =>
        {
            Assert.That(settings, Does.Contain("RuntimeIdentifier=\"linux-x64\"").And.Contain("RuntimeIdentifier=\"any\""));
            Assert.That(version.ExitCode, Is.Zero, version.ToString);
            Assert.That(version.Output, Does.Match(@"^\d+\.\d+\.\d+"));
        });
    }
}
