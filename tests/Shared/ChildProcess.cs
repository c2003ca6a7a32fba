using System.Diagnostics;
using System.Text;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>Starts programs the tests run as real processes: the dotnet CLI, the installed tool.</summary>
internal static class ChildProcess
{
    /// <summary>Output redirected, arguments as a list (no shell), and the .NET CLI's first-run chatter off.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return start;
    }

    /// <summary>Runs a program to its end (killing it and its children after <paramref name="timeout"/>), keeping stdout's bytes.</summary>
    public static async Task<CliRun> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = StartInfo(file, arguments, workingDirectory);
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            await copy;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var bytes = stdout.ToArray();
        return new CliRun(process.ExitCode, Encoding.UTF8.GetString(bytes), await error, bytes);
    }

    /// <summary>Whether a process (helm a test started through the product) still runs.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
