namespace TalosCiliumRender.Core.Helm;

/// <summary>How a helm process ended.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
internal sealed record HelmProcessResult(int ExitCode, string StandardOutput, string StandardError);
