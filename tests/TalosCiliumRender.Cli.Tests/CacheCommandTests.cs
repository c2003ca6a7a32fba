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
