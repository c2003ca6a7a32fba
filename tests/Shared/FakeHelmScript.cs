namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>An executable script that runs FakeHelm with FAKE_HELM_* variables (see its Program.cs).</summary>
internal static class FakeHelmScript
{
    /// <summary>
    /// Writes <paramref name="folder"/>/<paramref name="name"/>. exec keeps the PID, so a hang in FakeHelm is the very
    /// process the product has to kill.
    /// </summary>
    public static string Create(string folder, string name, IEnumerable<KeyValuePair<string, string>>? variables = null)
    {
        var exports = string.Concat((variables ?? []).Select(v => $"export {v.Key}='{v.Value}'\n"));
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, $"#!/bin/sh\n{exports}exec '{TestPaths.FakeHelm}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
