using System.Diagnostics;
using System.Globalization;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>
/// The built talos-cilium as a real process: signals stop a render in flight cleanly, and what only a non-root
/// user can see (a folder it may not read) is reported as such.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignalTests
{
    private const string Precious = "# committed output that must survive\nkind: ConfigMap\n";

    /// <summary>The apphost copied next to the tests from the CLI project.</summary>
    private static string Tool => Path.Combine(AppContext.BaseDirectory, "talos-cilium");

    /// <summary>
    /// A copy of the tool that nobody can run: a checkout under a private folder (a 0700 home or mktemp folder) hides the
    /// test's own bin folder from that user, and the apphost then cannot even resolve its path.
    /// </summary>
    private static string ToolReachableByAnyone(TempDirectory temp)
    {
        var folder = Directory.CreateDirectory(temp.Combine("tool")).FullName;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return Path.Combine(folder, "talos-cilium");
    }

    [TestCase("INT", 130, "Ctrl+C (SIGINT)")]
    [TestCase("TERM", 143, "SIGTERM")]
    public async Task A_signal_during_helm_stops_it_writes_nothing_and_says_so(string signal, int exitCode, string named)
    {
        using var temp = new TempDirectory();
        var output = temp.WriteFile("out.yaml", Precious);
        var before = File.GetLastWriteTimeUtc(output);
        var tmp = Directory.CreateDirectory(temp.Combine("tmp")).FullName;
        var pidFile = temp.Combine("helm.pid");
        var start = ChildProcess.StartInfo(Tool, ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-o", output, "--chart-cache", temp.Combine("cache")], temp.Path);
        // FakeHelm answers `version`, then hangs in `template`: the render is in flight when the signal comes.
        start.Environment["FAKE_HELM_MODE"] = "hang";
        start.Environment["FAKE_HELM_PID_FILE"] = pidFile;
        start.Environment["TMPDIR"] = tmp;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            while (!File.Exists(pidFile))
            {
                Assert.That(process.HasExited, Is.False, () => "talos-cilium ended before helm ran: " + stderr.Result);
                await Task.Delay(50, deadline.Token);
            }

            var helmPid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            await process.WaitForExitAsync(deadline.Token);
            var error = await stderr;

            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(exitCode), error);
                Assert.That(error.Trim(), Is.EqualTo($"talos-cilium: error TCR0031: Cancelled by {named}: helm was stopped, temporary files were removed and nothing was written; an existing output is unchanged."));
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "stops promptly");
                Assert.That(ChildProcess.IsRunning(helmPid), Is.False, "helm was stopped");
                Assert.That(File.ReadAllText(output), Is.EqualTo(Precious));
                Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(before));
                Assert.That(Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "out.yaml", "tmp", "helm.pid", "cache" }), "no temporary output file");
                // The chart's template scan runs beside helm and may have been filed before the signal: only whole records.
                Assert.That(Directory.GetFileSystemEntries(temp.Combine("cache")).Select(Path.GetFileName), Is.SubsetOf(new[] { "helm-versions", "chart-digests", "scans", "values", "schemas" }), "the cache holds only helm's remembered version, the archive's digest and the chart's scan and values analysis");
                Assert.That(Directory.GetFiles(temp.Combine("cache"), "*", SearchOption.AllDirectories).Select(Path.GetExtension), Is.All.EqualTo(".json"), "no half-written cache record");
                Assert.That(Directory.GetDirectories(tmp, "talos-cilium-*"), Is.Empty, "the render's temporary folders were removed");
            });
            _ = await stdout;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Test]
    public async Task An_unreadable_kustomization_folder_is_not_reported_as_missing_its_file()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/kustomization.yaml", "resources: []\n");
        var overlay = temp.Combine("overlay");
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0b111_101_101); // 0755: only the overlay itself is closed
        File.SetUnixFileMode(overlay, UnixFileMode.None);
        try
        {
            // root reads every folder, so the check runs as nobody there (setpriv, util-linux); anyone else is refused anyway.
            var asRoot = Environment.UserName == "root";
            var run = asRoot
                ? await ChildProcess.RunAsync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ToolReachableByAnyone(temp), "kustomize", overlay], temp.Path)
                : await ChildProcess.RunAsync(Tool, ["kustomize", overlay], temp.Path);

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
                Assert.That(run.Error, Does.Contain("error TCR3004: ").And.Contain("cannot be listed"), run.ToString);
                Assert.That(run.Error, Does.Not.Contain("has no kustomization.yaml"));
            });
        }
        finally
        {
            File.SetUnixFileMode(overlay, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
