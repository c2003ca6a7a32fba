using System.IO.Compression;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Decompresses a gzip file for reading once, start to end, keeping what is needed to tell a whole stream from a
/// cut-off one: the count and CRC-32 of the bytes it produced. Past <c>limit</c> bytes it stops with TCR1021, so
/// a decompression bomb cannot run forever; damaged deflate data is TCR1020.
/// </summary>
/// <remarks>
/// .NET's <see cref="GZipStream"/> checks a member's trailer when it reaches it, but when the input simply ends
/// inside a member it reports a normal end of stream: a truncated archive reads as a shorter, valid one. The caller
/// compares <see cref="Produced"/> and <see cref="Crc"/> with the trailer the file ends with.
/// </remarks>
internal sealed class GzipScanStream(Stream compressed, long limit, string displayPath) : Stream
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly GZipStream _gzip = new(compressed, CompressionMode.Decompress, leaveOpen: true);
    private uint _crc = 0xFFFFFFFF;

    /// <summary>Bytes produced so far.</summary>
    public long Produced { get; private set; }

    /// <summary>CRC-32 (ISO-HDLC, gzip's) of the bytes produced so far.</summary>
    public uint Crc => ~_crc;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Produced;
        set => throw new NotSupportedException();
    }

    /// <summary>CRC-32 of <paramref name="data"/>, continuing from <paramref name="state"/> (start with 0xFFFFFFFF; the result is its complement).</summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = CrcTable[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    /// <summary>Reads to the end; true when every byte left is zero (the padding of the tar's last record).</summary>
    public bool RestIsZero(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var zero = true;
        int read;
        while ((read = Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            zero &= buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) < 0;
        }

        return zero;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // zlib's data and checksum errors both arrive here (its message for a bad CRC names a compression method).
            throw DiagnosticCatalog.ChartArchiveDamaged.Exception(displayPath, $"its gzip data is corrupt ({e.Message.TrimEnd('.')})");
        }

        _crc = Update(_crc, buffer[..read]);
        Produced += read;
        if (Produced > limit)
        {
            throw DiagnosticCatalog.ChartArchiveTooLarge.Exception(displayPath, $"it expands to more than {limit / (1024 * 1024)} MiB");
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
