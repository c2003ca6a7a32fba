namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>What a CLI invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, byte[] StandardOutputBytes)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
