using System.Diagnostics;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>Runs a helm binary directly, the way a user following the Talos guide would, for reference outputs.</summary>
internal static class ReferenceHelm
{
    /// <summary>The Talos guide's `helm template` command for a chart archive.</summary>
    public static string[] SeedTemplateArguments(string chartArchive, string version) =>
    [
        "template", "cilium", chartArchive, "--version", version, "--namespace", "kube-system",
        "--set", "ipam.mode=kubernetes",
        "--set", "kubeProxyReplacement=true",
        "--set", "securityContext.capabilities.ciliumAgent={CHOWN,KILL,NET_ADMIN,NET_RAW,IPC_LOCK,SYS_ADMIN,SYS_RESOURCE,DAC_OVERRIDE,FOWNER,SETGID,SETUID}",
        "--set", "securityContext.capabilities.cleanCiliumState={NET_ADMIN,SYS_ADMIN,SYS_RESOURCE}",
        "--set", "cgroup.autoMount.enabled=false",
        "--set", "cgroup.hostRoot=/sys/fs/cgroup",
        "--set", "k8sServiceHost=localhost",
        "--set", "k8sServicePort=7445",
    ];

    public static async Task<string> RunAsync(string helm, IEnumerable<string> arguments)
    {
        var run = await TryRunAsync(helm, arguments);
        if (run.ExitCode != 0)
        {
            Assert.Fail($"{helm} {string.Join(' ', arguments)} failed ({run.ExitCode}): {run.Error}");
        }

        return run.Output;
    }

    /// <summary>Runs helm to its end whatever its exit code, for tests that take helm's refusals as the reference.</summary>
    public static async Task<CliRun> TryRunAsync(string helm, IEnumerable<string> arguments)
    {
        using var temp = new TempDirectory();
        var start = new ProcessStartInfo(helm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the user's helm state out of reference runs too.
        foreach (var variable in new[] { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
        {
            start.Environment[variable] = Path.Combine(temp.Path, variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        return new CliRun(process.ExitCode, text, await error, System.Text.Encoding.UTF8.GetBytes(text));
    }
}
