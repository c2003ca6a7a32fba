using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Cli;

/// <summary>
/// Builds the <c>talos-cilium</c> command tree and runs it; each command lives in its own file. Whatever goes
/// wrong, the user gets coded one-line messages: parse errors (TCR0030), cancellation (TCR0031) and, for a bug,
/// the last-resort TCR9999 — never a stack trace unless <see cref="DebugVariable"/> asks for one.
/// </summary>
internal static class CliApplication
{
    /// <summary>Exit code of a run stopped by Ctrl+C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>Set to <c>1</c> or <c>true</c> to add the stack trace to an internal error (TCR9999).</summary>
    public const string DebugVariable = "TALOS_CILIUM_DEBUG";

    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("Render Cilium for Talos Linux into GitOps-ready manifests: the real `helm template` with Talos presets, then in-process kustomize patches.")
        {
            RenderCommand.Create(console),
            ValuesCommand.Create(console),
            KustomizeCommand.Create(console),
            DiffCommand.Create(console),
            UpgradeReportCommand.Create(console),
            CacheCommand.Create(console),
            VersionCommand.Create(console),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where output and diagnostics go.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C or SIGTERM (Program.cs); the command stops and writes nothing.</param>
    /// <param name="cancelledBy">Names what cancelled the run, for the message; "the caller" when null.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken, Func<string>? cancelledBy = null)
    {
        var parseResult = CreateRootCommand(console).Parse(args);
        var failed = FailureExitCode(parseResult);

        // --help and --version clear parse errors and keep their own action; only a real error reaches ParseErrorAction.
        if (parseResult.Action is ParseErrorAction)
        {
            var usage = CommandPath(parseResult.CommandResult);
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync(DiagnosticCatalog.CommandLineInvalid.Create(ParseErrors.Describe(error), usage).ToString()).ConfigureAwait(false);
            }

            return failed;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Ours below: a coded line instead of System.CommandLine's stack trace.
            EnableDefaultExceptionHandler = false,
            // Program.cs turns SIGINT/SIGTERM into cancellation; System.CommandLine would end the process after 2 s,
            // before helm is stopped and the temporary files are removed.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync(DiagnosticCatalog.Cancelled.Create(cancelledBy?.Invoke() ?? "the caller").ToString()).ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception e)
        {
            // A bug (the core reports every user error as a diagnostic): one coded line, the trace only on request.
            var debug = console.RenderEnvironment.GetVariable(DebugVariable);
            var wantsTrace = debug is "1" || string.Equals(debug, "true", StringComparison.OrdinalIgnoreCase);
            var message = $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ") + (wantsTrace ? string.Empty : $" ({DebugVariable}=1 prints the stack trace)");
            await console.Error.WriteLineAsync(DiagnosticCatalog.InternalError.Create(message).ToString()).ConfigureAwait(false);
            if (wantsTrace)
            {
                await console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return failed;
        }
    }

    /// <summary>diff and upgrade-report promise 2 for every error (1 means "different" / "blocked"); the other commands fail with 1.</summary>
    private static int FailureExitCode(ParseResult parseResult) => parseResult.CommandResult.Command.Name switch
    {
        "diff" => DiffCommand.Failed,
        "upgrade-report" => UpgradeReportCommand.Failed,
        _ => 1,
    };

    /// <summary>"render " for <c>talos-cilium render</c>, "" for the root: where <c>--help</c> goes in the hint.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult { Command: not RootCommand } current; result = current.Parent)
        {
            names.Insert(0, current.Command.Name + " ");
        }

        return string.Concat(names);
    }
}
