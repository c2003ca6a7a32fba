using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class GzipScanStreamTests
{
    [Test]
    public void Its_CRC_is_gzip_s_CRC_32() =>
        // The check value of CRC-32/ISO-HDLC, the CRC gzip uses (RFC 1952).
        Assert.That(~GzipScanStream.Update(0xFFFFFFFF, "123456789"u8), Is.EqualTo(0xCBF43926u));

    [Test]
    public void It_counts_and_checksums_what_it_decompresses()
    {
        var data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("chart ", 1000)));
        using var scan = new GzipScanStream(new MemoryStream(ChartArchiveTests.Compress(data)), 1 << 20, "x.tgz");

        Assert.Multiple(() =>
        {
            Assert.That(scan.RestIsZero(CancellationToken.None), Is.False);
            Assert.That(scan.Produced, Is.EqualTo(data.Length));
            Assert.That(scan.Crc, Is.EqualTo(~GzipScanStream.Update(0xFFFFFFFF, data)));
        });
    }
}
