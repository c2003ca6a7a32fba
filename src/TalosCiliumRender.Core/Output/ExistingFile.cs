using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;

namespace TalosCiliumRender.Core.Output;

/// <summary>One file of an existing output, as it was read (once) for a render.</summary>
/// <param name="Name">The file name inside the output folder; empty when the output is this one file.</param>
/// <param name="DisplayPath">The path as the user would write it, for messages.</param>
/// <param name="IsRegularFile">False for a device, pipe or socket, which is never read.</param>
/// <param name="Bytes">The content; <see langword="null"/> when it was not or could not be read.</param>
/// <param name="Failure">Why it could not be read (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>, or TCR3007 when too large), or <see langword="null"/>.</param>
internal sealed record ExistingFile(string Name, string DisplayPath, bool IsRegularFile, byte[]? Bytes, Exception? Failure)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The content as UTF-8 (a byte order mark is kept as U+FEFF, invalid bytes become U+FFFD).</summary>
    /// <exception cref="IOException">The file could not be read (the failure of the read, thrown again).</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    /// <exception cref="Diagnostics.DiagnosticException">As above: TCR3007.</exception>
    public string Text()
    {
        if (Failure is not null)
        {
            ExceptionDispatchInfo.Throw(Failure);
        }

        return Utf8NoBom.GetString(Bytes ?? throw new InvalidOperationException($"'{DisplayPath}' is not a regular file and was not read."));
    }

    /// <summary>True when the file was read and holds exactly <paramref name="bytes"/>.</summary>
    public bool Holds(ReadOnlySpan<byte> bytes) => Bytes is not null && Bytes.AsSpan().SequenceEqual(bytes);

    /// <summary>
    /// True when the file was read and holds exactly <paramref name="text"/> in UTF-8 without a byte order mark (lone
    /// surrogates as U+FFFD, as <see cref="Encoding.GetBytes(string)"/> writes them), encoded a piece at a time
    /// instead of into one more copy of a whole output.
    /// </summary>
    public bool HoldsUtf8(string text)
    {
        if (Bytes is null)
        {
            return false;
        }

        var rest = Bytes.AsSpan();
        var chars = text.AsSpan();
        Span<byte> buffer = stackalloc byte[2048];
        while (true)
        {
            // Whole characters only: with the final block, a surrogate pair is never split between two pieces.
            var status = Utf8.FromUtf16(chars, buffer, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            if (written > rest.Length || !rest[..written].SequenceEqual(buffer[..written]))
            {
                return false;
            }

            rest = rest[written..];
            chars = chars[read..];
            if (status != OperationStatus.DestinationTooSmall)
            {
                return status == OperationStatus.Done && rest.IsEmpty;
            }
        }
    }
}
