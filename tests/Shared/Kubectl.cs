namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// The reference kustomize: <c>kubectl kustomize</c> (Kustomize v5.5.0) from PATH. Tests that compare with it fail,
/// never skip, when it is missing, so a CI image without kubectl cannot pass them by accident.
/// </summary>
internal static class Kubectl
{
    public const string KustomizeVersion = "v5.5.0";

    /// <summary>The kubectl on PATH; fails the test with how to get one when there is none.</summary>
    public static string Locate()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Fail($"kubectl is not on PATH. These tests compare the engine with `kubectl kustomize` (Kustomize {KustomizeVersion}); install kubectl 1.32 (https://kubernetes.io/docs/tasks/tools/) and put it on PATH.");
        }

        return path!;
    }

    /// <summary>Fails unless <paramref name="kubectl"/> carries the kustomize the expectations were made with.</summary>
    public static async Task AssertVersionAsync(string kubectl)
    {
        var run = await ChildProcess.RunAsync(kubectl, ["version", "--client"], Path.GetTempPath());
        Assert.That(run.Output, Does.Contain($"Kustomize Version: {KustomizeVersion}"), $"kubectl must embed Kustomize {KustomizeVersion}: {run}");
    }

    /// <summary>Runs <c>kubectl kustomize DIR</c>.</summary>
    public static Task<CliRun> KustomizeAsync(string kubectl, string directory) =>
        ChildProcess.RunAsync(kubectl, ["kustomize", directory], directory, TimeSpan.FromMinutes(1));
}
