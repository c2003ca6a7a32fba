using System.Runtime.InteropServices;
using TalosCiliumRender.Cli;

// Ctrl+C and SIGTERM cancel the run instead of ending the process, so helm is stopped, the temporary files are
// removed and the output stays as it was; a second signal ends the process at once.
using var cancellation = new CancellationTokenSource();
PosixSignal? received = null;
void OnSignal(PosixSignalContext context)
{
    if (received is not null)
    {
        return; // the default action: terminate now
    }

    received = context.Signal;
    context.Cancel = true;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var exitCode = await CliApplication.RunAsync(
    args,
    new CliConsole(Console.Out, Console.Error, Console.OpenStandardOutput),
    cancellation.Token,
    () => received == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl+C (SIGINT)").ConfigureAwait(false);

// 128 + the signal number, as a shell reports a process the signal ended: 130 for SIGINT, 143 for SIGTERM.
return exitCode == CliApplication.Cancelled && received == PosixSignal.SIGTERM ? 143 : exitCode;
