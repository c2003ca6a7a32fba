using TalosCiliumRender.Core;

namespace TalosCiliumRender.Cli;

/// <summary>Where a command writes, and the environment it renders in.</summary>
/// <param name="Out">Standard output, for results.</param>
/// <param name="Error">Standard error, for diagnostics.</param>
/// <param name="OpenStandardOutput">Opens the raw standard output, so manifest bytes are written exactly.</param>
/// <param name="Environment">Environment variables and working folder; the process's when null.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardOutput, RenderEnvironment? Environment = null)
{
    public RenderEnvironment RenderEnvironment => Environment ?? RenderEnvironment.FromProcess();

    /// <summary>Prints diagnostics in the canonical <c>file(line,col): error TCRnnnn: message</c> form.</summary>
    /// <returns>1 when any diagnostic is an error, else 0.</returns>
    public int Report(IEnumerable<Diagnostic> diagnostics)
    {
        var exitCode = 0;
        foreach (var diagnostic in diagnostics)
        {
            Error.WriteLine(diagnostic.ToString());
            exitCode = diagnostic.IsError ? 1 : exitCode;
        }

        return exitCode;
    }

    /// <summary>Writes text to standard output as UTF-8 bytes with no byte-order mark and no newline translation.</summary>
    public async Task WriteRawAsync(string text, CancellationToken cancellationToken)
    {
        var stream = OpenStandardOutput();
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(new System.Text.UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
