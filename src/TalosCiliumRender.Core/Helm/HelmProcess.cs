using System.ComponentModel;
using System.Text;
using CliWrap;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Runs one helm process through CliWrap. The single place that starts processes, so kill-on-cancel and
/// timeout semantics are the same for version probes, template and pull.
/// </summary>
internal static class HelmProcess
{
    /// <summary>Runs <paramref name="executable"/> and waits for it to exit (or be killed).</summary>
    /// <param name="executable">Full path of the binary.</param>
    /// <param name="arguments">Argument list; each element reaches the process as one argument, unquoted.</param>
    /// <param name="environment">Variables to set (a <see langword="null"/> value removes one) on top of this process's environment.</param>
    /// <param name="workingDirectory">Folder helm runs in.</param>
    /// <param name="timeout">Longest run allowed; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="time">Clock the timeout runs on.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <returns>The exit code and everything the process wrote.</returns>
    /// <exception cref="TimeoutException">The run took longer than <paramref name="timeout"/>; the process was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process was killed.</exception>
    /// <exception cref="HelmStartException">The process could not be started.</exception>
    /// <exception cref="DiagnosticException">TCR1016: stdout grew past <see cref="YamlLimits.MaxFileBytes"/>; the process was killed.</exception>
    public static async Task<HelmProcessResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Both streams are bounded: a runaway template (or a "helm" that is /bin/yes) must end in a coded error, not
        // in an out-of-memory crash. stdout becomes YAML, so it gets the YAML input limit; stderr only feeds messages.
        using var overflow = new CancellationTokenSource();
        var stdout = new BoundedCapture(YamlLimits.MaxFileBytes, overflow);
        var stderr = new BoundedCapture(MaxStandardErrorBytes, overflow: null);
        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(builder =>
            {
                foreach (var (name, value) in environment)
                {
                    builder.Set(name, value);
                }
            })
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Create(stdout.CopyFromAsync))
            .WithStandardErrorPipe(PipeTarget.Create(stderr.CopyFromAsync));

        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token, overflow.Token);
        CommandTask<CommandResult> execution;
        try
        {
            // CliWrap starts the process synchronously here, so start failures surface before anything is awaited.
            execution = command.ExecuteAsync(linked.Token);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The OS reason alone ("Permission denied", "Exec format error"); .NET's message repeats the path we already name.
            var win32 = e as Win32Exception ?? e.InnerException as Win32Exception;
            throw new HelmStartException(win32 is null ? e.Message : new Win32Exception(win32.NativeErrorCode).Message, e);
        }

        try
        {
            // CliWrap kills the process on cancellation and only throws once it has exited, so nothing is orphaned.
            var result = await execution.ConfigureAwait(false);
            return new HelmProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (OperationCanceledException) when (overflow.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DiagnosticCatalog.HelmOutputTooLarge.Exception(Display(arguments.Take(2)), YamlLimits.MaxFileBytes / (1024 * 1024));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{executable}' did not exit within {timeout}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Rethrow against the caller's token so callers can tell their own cancellation apart.
            throw new OperationCanceledException("helm was stopped because the operation was cancelled.", cancellationToken);
        }
    }

    /// <summary>What is kept of stderr: far more than any warning helm prints, far less than memory.</summary>
    private const int MaxStandardErrorBytes = 1024 * 1024;

    /// <summary>The last <paramref name="count"/> non-empty lines of <paramref name="text"/>, for diagnostics.</summary>
    public static string Tail(string text, int count)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Where(line => line.Length > 0)
            .ToArray();
        var tail = lines.Length <= count ? lines : lines[^count..];
        return tail.Length == 0 ? "(no output)" : string.Join('\n', tail);
    }

    /// <summary>The argument list as a person would type it, for messages only (never executed).</summary>
    public static string Display(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : a));

    /// <summary>
    /// Collects a stream up to a limit. Past it, stdout cancels the run (its text would be refused anyway), while stderr
    /// is drained and dropped so that helm never blocks on a full pipe.
    /// </summary>
    private sealed class BoundedCapture(int limit, CancellationTokenSource? overflow)
    {
        private readonly MemoryStream _buffer = new();

        public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken)
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var room = limit - (int)_buffer.Length;
                if (read <= room)
                {
                    _buffer.Write(chunk, 0, read);
                    continue;
                }

                _buffer.Write(chunk, 0, room);
                if (overflow is not null)
                {
                    await overflow.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }

        public override string ToString() => Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }
}
