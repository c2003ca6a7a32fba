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
