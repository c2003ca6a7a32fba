namespace TalosCiliumRender.Cli.Tests;

public sealed class CacheCommandTests
{
    [Test]
    public async Task Cache_add_files_a_chart_archive_and_prints_where()
    {
        using var temp = new TempDirectory();
        var (exitCode, output, error) = await RunAsync("cache", "add", TestPaths.ChartArchive("1.18.1"), "--chart-cache", temp.Path, "--repo", "https://charts.example");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.Contain("https://charts.example cilium 1.18.1"));
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "blobs", "sha256"), "*.tgz"), Has.Length.EqualTo(1));
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "refs"), "*.json"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Cache_add_of_a_non_chart_prints_the_diagnostic_and_exits_1()
    {
        using var temp = new TempDirectory();
        var notAChart = temp.WriteFile("x.tgz", "nope");

        var (exitCode, output, error) = await RunAsync("cache", "add", notAChart, "--chart-cache", temp.Combine("cache"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Match(@"error TCR1009: "));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace for a user error");
            Assert.That(output, Is.Empty);
        });
    }

    [TestCase("truncated", "TCR1020")]
    [TestCase("misnamed", "TCR1022")]
    [TestCase("/dev/zero", "TCR1009")]
    [TestCase("folder", "TCR1009")]
    public async Task Cache_add_of_a_damaged_or_misnamed_archive_names_the_file_and_files_nothing(string kind, string code)
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(TestPaths.ChartArchive("1.18.1"));
        var file = kind switch
        {
            "truncated" => temp.Combine("cilium-1.18.1.tgz"),
            "misnamed" => temp.Combine("cilium-1.19.6.tgz"),
            "folder" => Directory.CreateDirectory(temp.Combine("charts")).FullName,
            _ => kind,
        };
        if (kind is "truncated" or "misnamed")
        {
            File.WriteAllBytes(file, kind == "truncated" ? bytes[..(bytes.Length - 100)] : bytes);
        }

        var cache = temp.Combine("cache");
        var (exitCode, output, error) = await RunAsync("cache", "add", file, "--chart-cache", cache);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain($"error {code}: '{file}'"));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace for a user error");
            Assert.That(output, Is.Empty);
            Assert.That(Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories) : [], Is.Empty);
        });
    }

    [Test]
    public async Task Cache_path_prints_the_chosen_folder()
    {
        using var temp = new TempDirectory();

        var (exitCode, output, _) = await RunAsync("cache", "path", "--chart-cache", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.Trim(), Is.EqualTo(temp.Path));
        });
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(output, error, () => Stream.Null), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
