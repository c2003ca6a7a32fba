namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>A helm that appends each command line to a log, then runs the real helm: shows which helm commands a run starts.</summary>
internal static class LoggingHelm
{
    /// <summary>Writes the wrapper script into <paramref name="folder"/>.</summary>
    /// <returns>The wrapper's path, to give as the helm path.</returns>
    public static string Create(string folder, string helm, string log)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "helm");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexec '{helm}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>The helm commands logged so far (first word of each line: version, template, pull…).</summary>
    public static IReadOnlyList<string> Commands(string log) =>
        File.Exists(log) ? File.ReadAllLines(log).Select(l => l.Split(' ')[0]).ToArray() : [];
}
