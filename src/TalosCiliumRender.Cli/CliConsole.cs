namespace TalosCiliumRender.Cli;

/// <summary>Where a command writes: text streams for messages, and a byte stream for manifests on stdout.</summary>
/// <param name="Out">Standard output, for results.</param>
/// <param name="Error">Standard error, for diagnostics.</param>
/// <param name="OpenStandardOutput">Opens the raw standard output, so manifest bytes are written exactly.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardOutput);
