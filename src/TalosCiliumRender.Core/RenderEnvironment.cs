namespace TalosCiliumRender.Core;

/// <summary>
/// The machine facts a render reads: environment variables, the folder relative paths start from, and the
/// clock. Passed in rather than read from statics so that tools hosting the library (and tests) control them.
/// </summary>
/// <param name="GetVariable">Reads an environment variable; <see langword="null"/> when unset.</param>
/// <param name="WorkingDirectory">Relative paths in a request are resolved against this folder.</param>
/// <param name="Time">The clock, for certificate validity and timeouts.</param>
public sealed record RenderEnvironment(Func<string, string?> GetVariable, string WorkingDirectory, TimeProvider Time)
{
    /// <summary>The current process's environment, working directory and system clock.</summary>
    /// <returns>A new environment.</returns>
    public static RenderEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory, TimeProvider.System);

    /// <summary>Resolves a path against <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">An absolute or relative path.</param>
    /// <returns>The full path.</returns>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
