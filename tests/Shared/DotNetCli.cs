using System.Diagnostics;
using System.Text;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>What a <c>dotnet</c> command printed and returned.</summary>
internal sealed record DotNetRun(int ExitCode, string Output, string Arguments)
{
    public override string ToString() => $"dotnet {Arguments} exited {ExitCode}:\n{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI of the running SDK as a child process, with build servers off so nothing outlives the test.</summary>
internal static class DotNetCli
{
    public static async Task<DotNetRun> RunAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = ChildProcess.StartInfo(Executable, arguments, workingDirectory);
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // The test host's own MSBuild variables would point child builds at the wrong SDK.
        foreach (var inherited in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var outputLock = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (outputLock) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (outputLock) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', start.ArgumentList)} did not finish in time:\n{output}");
        }

        process.WaitForExit();
        lock (outputLock)
        {
            return new DotNetRun(process.ExitCode, output.ToString(), string.Join(' ', start.ArgumentList));
        }
    }

    /// <summary>The dotnet host running the tests (so child builds use the same SDK), else <c>dotnet</c> on PATH.</summary>
    public static string Executable
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            var candidate = string.IsNullOrEmpty(root) ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
        }
    }

    /// <summary>The configuration the tests were built in, for building or packing siblings the same way.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}release", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
}
