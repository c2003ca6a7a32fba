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

    /// <summary>The subcommands, in the order help lists them.</summary>
    private static readonly (string Name, Func<CliConsole, Command> Create)[] Subcommands =
    [
        ("render", RenderCommand.Create),
        ("values", ValuesCommand.Create),
        ("kustomize", KustomizeCommand.Create),
        ("diff", DiffCommand.Create),
        ("upgrade-report", UpgradeReportCommand.Create),
        ("cache", console => CacheCommand.Create(console)),
        ("version", VersionCommand.Create),
    ];

    private const string RootDescription = "Render Cilium for Talos Linux into GitOps-ready manifests: the real `helm template` with Talos presets, then in-process kustomize patches.";

    /// <summary>The whole command tree.</summary>
    public static RootCommand CreateRootCommand(CliConsole console) => CreateRootCommand(console, []);

    /// <summary>
    /// The command tree <paramref name="args"/> needs: when the first argument names a subcommand, only that one
    /// (building every option of every command is most of the start-up cost of a short run). Nothing below the root
    /// sees its siblings, so parsing, help and errors are the same as with the whole tree; anything else (root help,
    /// a misspelt command, a response file, a directive) gets the whole tree.
    /// </summary>
    public static RootCommand CreateRootCommand(CliConsole console, IReadOnlyList<string> args)
    {
        var root = new RootCommand(RootDescription);
        if (args is ["--version"])
        {
            // The root prints the version, whatever its subcommands.
            return root;
        }

        var only = args.Count > 0 ? Array.FindIndex(Subcommands, s => s.Name == args[0]) : -1;
        for (var i = 0; i < Subcommands.Length; i++)
        {
            if (only < 0 || i == only)
            {
                root.Add(Subcommands[i].Create(console));
            }
        }

        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where output and diagnostics go.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C or SIGTERM (Program.cs); the command stops and writes nothing.</param>
    /// <param name="cancelledBy">Names what cancelled the run, for the message; "the caller" when null.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken, Func<string>? cancelledBy = null) =>
        RunAsync(CreateRootCommand(console, args), args, console, cancellationToken, cancelledBy);

    /// <summary>Parses <paramref name="args"/> with the given command tree and runs the command (tests compare trees with it).</summary>
    internal static async Task<int> RunAsync(RootCommand root, string[] args, CliConsole console, CancellationToken cancellationToken, Func<string>? cancelledBy = null)
    {
        var parseResult = root.Parse(args);
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
