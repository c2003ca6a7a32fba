using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Output;

/// <summary>
/// Writes to a device, pipe or socket in place, as a shell redirection does: such a path is never replaced (a
/// rename over <c>/dev/null</c> would replace the system's null device with a file), never read and never compared.
/// </summary>
internal static class StreamOutput
{
    /// <summary>Writes <paramref name="bytes"/> to the stream at <paramref name="target"/>.</summary>
    /// <remarks>A named pipe without a reader waits for one, as <c>echo &gt; fifo</c> does.</remarks>
    /// <exception cref="DiagnosticException">TCR0007, for example ENOSPC from <c>/dev/full</c>.</exception>
    public static async Task<OutputStatus> WriteAsync(OutputTarget target, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            // Opening a pipe blocks until it has a reader; off the caller's thread, so a cancelled render still returns.
            await Task.Run(
                async () =>
                {
                    await using var stream = new FileStream(target.PhysicalPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                    await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            return OutputStatus.Written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw DiagnosticCatalog.OutputWriteFailed.Exception(SourceLocation.InFile(target.DisplayPath), target.DisplayPath, $"{e.Message.TrimEnd('.')} (it is {target.Description}, written to in place)");
        }
    }
}
