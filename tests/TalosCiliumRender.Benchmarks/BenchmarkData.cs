using System.Diagnostics;

namespace TalosCiliumRender.Benchmarks;

/// <summary>
/// Finds the overlay and makes sure its base exists: the cilium 1.18.1 render with Hubble relay and UI, produced by
/// the pinned helm. The render is not committed because helm generates fresh TLS keys into it on every run.
/// </summary>
internal static class BenchmarkData
{
    public const string RenderFile = "cilium-rendered.yaml";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string OverlayDirectory => Path.Combine(RepositoryRoot, "tests", "TalosCiliumRender.Benchmarks", "overlay");

    /// <summary>Renders the base with helm unless it is already there; returns its text.</summary>
    /// <summary>A Cilium chart archive from ../shared (or TCR_SHARED).</summary>
    public static string ChartArchive(string version)
    {
        var shared = Environment.GetEnvironmentVariable("TCR_SHARED") is { Length: > 0 } configured ? configured : Path.Combine(RepositoryRoot, "..", "shared");
        return Path.Combine(shared, "charts", $"cilium-{version}.tgz");
    }

    public static string EnsureRender()
    {
        var target = Path.Combine(OverlayDirectory, RenderFile);
        if (!File.Exists(target))
        {
            var helm = Path.Combine(RepositoryRoot, ".tools", "helm", "v3.17.3", "helm");
            var chart = ChartArchive("1.18.1");
            if (!File.Exists(helm))
            {
                throw new InvalidOperationException($"helm is not installed at '{helm}'. Run build/install-helm.sh first.");
            }

            var start = new ProcessStartInfo(helm)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "template", "cilium", chart, "--namespace", "kube-system", "--kube-version", "1.35.0", "--set", "hubble.relay.enabled=true", "--set", "hubble.ui.enabled=true" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"helm template failed ({process.ExitCode}): {error}");
            }

            File.WriteAllText(target, output.Result);
        }

        return File.ReadAllText(target);
    }

    /// <summary>The overlay without its resources list, for applying it to the render passed in as text.</summary>
    public static string CreateApplyOverlay()
    {
        var folder = Directory.CreateTempSubdirectory("tcr-bench-").FullName;
        foreach (var file in Directory.GetFiles(OverlayDirectory))
        {
            var name = Path.GetFileName(file);
            if (name is RenderFile or ".gitignore")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (name == "kustomization.yaml")
            {
                text = text.Replace("resources:\n- cilium-rendered.yaml\n", string.Empty, StringComparison.Ordinal);
            }

            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return folder;
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
