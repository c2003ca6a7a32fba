using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartArchiveTests
{
    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public void Metadata_is_read_from_a_chart_archive(string version)
    {
        var metadata = ChartArchive.ReadMetadata(TestPaths.ChartArchive(version));

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Name, Is.EqualTo("cilium"));
            Assert.That(metadata.Version, Is.EqualTo(version));
            Assert.That(metadata.AppVersion, Is.EqualTo(version));
        });
    }

    [Test]
    public void Metadata_is_read_from_a_chart_folder()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("mychart/Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 0.1.0\n");

        var metadata = ChartArchive.ReadMetadata(temp.Combine("mychart"));

        Assert.That(metadata, Is.EqualTo(new ChartMetadata("mychart", "0.1.0", null)));
    }

    [Test]
    public void Subchart_Chart_yaml_files_are_not_mistaken_for_the_chart()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp.Combine("c.tgz"), ("parent/charts/sub/Chart.yaml", "name: sub\nversion: 9.9.9\n"), ("parent/Chart.yaml", "name: parent\nversion: 1.0.0\n"));

        Assert.That(ChartArchive.ReadMetadata(archive).Name, Is.EqualTo("parent"));
    }

    [TestCase("text", TestName = "A text file is TCR1009")]
    [TestCase("gzip", TestName = "A gzip file that is not a tar is TCR1009")]
    [TestCase("no-chart-yaml", TestName = "An archive without Chart.yaml is TCR1009")]
    [TestCase("no-version", TestName = "A Chart.yaml without version is TCR1009")]
    [TestCase("bad-yaml", TestName = "A Chart.yaml that is not YAML is TCR1009")]
    [TestCase("empty-folder", TestName = "A folder without Chart.yaml is TCR1009")]
    public void Non_charts_are_TCR1009(string kind)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("thing.tgz");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "hello, not a chart\n");
                break;
            case "gzip":
                using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                {
                    gzip.Write("plain text, gzipped"u8);
                }

                break;
            case "no-chart-yaml":
                WriteArchive(path, ("cilium/values.yaml", "a: 1\n"));
                break;
            case "no-version":
                WriteArchive(path, ("cilium/Chart.yaml", "name: cilium\n"));
                break;
            case "bad-yaml":
                WriteArchive(path, ("cilium/Chart.yaml", "name: [cilium\n"));
                break;
            default:
                path = Directory.CreateDirectory(temp.Combine("folder")).FullName;
                break;
        }

        Assert.That(Diagnose(() => ChartArchive.ReadMetadata(path)).Code, Is.EqualTo("TCR1009"));
    }

    [Test]
    public void A_missing_path_is_TCR1005()
    {
        using var temp = new TempDirectory();

        Assert.That(Diagnose(() => ChartArchive.ReadMetadata(temp.Combine("missing.tgz"))).Code, Is.EqualTo("TCR1005"));
    }

    [Test]
    public async Task Digest_is_the_sha256_of_the_file()
    {
        var path = TestPaths.ChartArchive("1.18.1");

        var digest = await ChartArchive.ComputeDigestAsync(path, CancellationToken.None);

        Assert.That(digest, Is.EqualTo("sha256:" + Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path))).ToLowerInvariant()));
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public void Verify_accepts_every_real_chart_archive(string version) =>
        Assert.That(ChartArchive.Verify(TestPaths.ChartArchive(version), "chart.tgz", CancellationToken.None), Is.EqualTo(new ChartMetadata("cilium", version, version)));

    /// <summary>The cilium 1.18.1 archive cut to its first <c>length</c> bytes (negative: that many bytes short).</summary>
    internal static byte[] Truncated(int length)
    {
        var bytes = File.ReadAllBytes(TestPaths.ChartArchive("1.18.1"));
        return bytes[..(length > 0 ? length : bytes.Length + length)];
    }

    [TestCase(10)]
    [TestCase(2000, TestName = "A truncated archive is TCR1020 when the cut is inside Chart.yaml")]
    [TestCase(60000)]
    [TestCase(114435)]
    [TestCase(-9)]
    [TestCase(-8)]
    [TestCase(-4)]
    [TestCase(-1)]
    public void A_truncated_archive_is_TCR1020_even_when_its_Chart_yaml_is_whole(int length)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("cilium-1.18.1.tgz");
        File.WriteAllBytes(path, Truncated(length));

        var diagnostic = Diagnose(() => ChartArchive.Verify(path, path, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1020"));
            Assert.That(diagnostic.Message, Does.StartWith($"'{path}' is not a complete chart archive: its gzip stream is cut off"));
            if (length is >= 60000 or < 0)
            {
                // What made the old check pass: Chart.yaml, the first entry, reads fine from the cut file.
                Assert.That(ChartArchive.ReadMetadata(path).Version, Is.EqualTo("1.18.1"));
            }
        });
    }

    [TestCase("deflate", "its gzip data is corrupt")]
    [TestCase("crc", "its gzip data is corrupt")]
    [TestCase("header-garbage", "its tar archive is malformed")]
    [TestCase("data-after-end", "data follows the end of its tar archive")]
    public void A_damaged_archive_is_TCR1020_saying_what_is_damaged(string damage, string reason)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("cilium-1.18.1.tgz");
        var bytes = File.ReadAllBytes(TestPaths.ChartArchive("1.18.1"));
        switch (damage)
        {
            case "deflate":
                bytes[bytes.Length / 2] ^= 0xFF;
                break;
            case "crc":
                bytes[^6] ^= 0xFF;
                break;
            case "header-garbage":
                // Random bytes over the tar header of the second entry, recompressed as a whole, valid gzip.
                var tar = Decompress(bytes);
                RandomNumberGenerator.Fill(tar.AsSpan(FirstHeaderAfter(tar, 512), 512));
                bytes = Compress(tar);
                break;
            default:
                bytes = Compress([.. Decompress(bytes), .. "trailing garbage"u8]);
                break;
        }

        File.WriteAllBytes(path, bytes);
        var diagnostic = Diagnose(() => ChartArchive.Verify(path, path, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1020"));
            Assert.That(diagnostic.Message, Does.StartWith($"'{path}' is not a complete chart archive: {reason}"));
        });
    }

    [Test]
    public void An_archive_of_several_gzip_members_is_whole_when_each_is()
    {
        using var temp = new TempDirectory();
        var tar = Decompress(File.ReadAllBytes(TestPaths.ChartArchive("1.18.1")));
        var path = temp.Combine("cilium-1.18.1.tgz");
        File.WriteAllBytes(path, [.. Compress(tar[..(tar.Length / 3)]), .. Compress(tar[(tar.Length / 3)..])]);

        Assert.That(ChartArchive.Verify(path, path, CancellationToken.None).Version, Is.EqualTo("1.18.1"));
    }

    [TestCase("empty", "TCR1020", "the file is empty")]
    [TestCase("text", "TCR1009", "it is not gzip-compressed")]
    [TestCase("no-chart-yaml", "TCR1009", "the archive has no <chart>/Chart.yaml")]
    [TestCase("other-folder", "TCR1009", "its Chart.yaml is in the folder 'other' but names the chart 'cilium'")]
    [TestCase("big-file", "TCR1021", "its file 'cilium/big.bin' holds 6291456 bytes, more than helm's 5 MiB for one file")]
    [TestCase("bomb", "TCR1021", "it expands to more than 128 MiB")]
    public void Archives_helm_would_not_load_are_refused_with_the_reason(string kind, string code, string reason)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("thing.tgz");
        switch (kind)
        {
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "text":
                File.WriteAllText(path, "hello, not a chart\n");
                break;
            case "no-chart-yaml":
                WriteArchive(path, ("cilium/values.yaml", "a: 1\n"));
                break;
            case "other-folder":
                WriteArchive(path, ("other/Chart.yaml", "name: cilium\nversion: 1.0.0\n"));
                break;
            case "big-file":
                WriteArchive(path, ("cilium/Chart.yaml", "name: cilium\nversion: 1.0.0\n"), ("cilium/big.bin", new string('x', 6 * 1024 * 1024)));
                break;
            default:
                // 256 MiB of zeros in 256 KiB of gzip: read as tar, an empty archive followed by endless padding.
                using (var gzip = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
                {
                    var zeros = new byte[1024 * 1024];
                    for (var i = 0; i < 256; i++)
                    {
                        gzip.Write(zeros);
                    }
                }

                break;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostic = Diagnose(() => ChartArchive.Verify(path, path, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo(code));
            Assert.That(diagnostic.Message, Does.Contain(reason));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "bounded, never reading on and on");
        });
    }

    internal static byte[] Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    internal static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>The offset of the first tar header at or after <paramref name="from"/>: a block whose "ustar" magic is at 257.</summary>
    private static int FirstHeaderAfter(byte[] tar, int from)
    {
        for (var offset = from; offset + 512 <= tar.Length; offset += 512)
        {
            if (tar.AsSpan(offset + 257, 5).SequenceEqual("ustar"u8))
            {
                return offset;
            }
        }

        throw new InvalidOperationException("no tar header found");
    }

    internal static string WriteArchive(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
            tar.WriteEntry(entry);
        }

        return path;
    }
}
