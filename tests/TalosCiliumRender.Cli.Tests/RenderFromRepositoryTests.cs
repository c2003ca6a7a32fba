namespace TalosCiliumRender.Cli.Tests;

/// <summary>`render --repo` against a real HTTP chart repository served on loopback from ../shared/charts.</summary>
public sealed class RenderFromRepositoryTests
{
    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Renders_from_the_repository_and_the_second_render_uses_the_cache(string helmVersion)
    {
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        using var temp = new TempDirectory();
        string[] args = ["render", "--repo", repository.Url, "--version", "1.19.6", "--helm", TestPaths.Helm(helmVersion), "--chart-cache", temp.Combine("cache"), "-o", "out.yaml"];

        var first = await Cli.RunAsync(temp.Path, args);
        var downloads = repository.RequestCount("/cilium-1.19.6.tgz");
        var requestsAfterFirst = repository.TotalRequests;
        var second = await Cli.RunAsync(temp.Path, args);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(second.ExitCode, Is.Zero, second.ToString);
            Assert.That(downloads, Is.EqualTo(1));
            Assert.That(repository.TotalRequests, Is.EqualTo(requestsAfterFirst), "the second render never contacts the repository");
            Assert.That(File.ReadAllText(temp.Combine("out.yaml")), Does.Contain("quay.io/cilium/cilium:v1.19.6"));
        });
    }

    [Test]
    public async Task Version_missing_from_the_repository_is_TCR1006_and_the_output_is_untouched()
    {
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        using var temp = new TempDirectory();
        var output = temp.WriteFile("out.yaml", "kept\n");

        var run = await Cli.RunAsync(temp.Path, "render", "--repo", repository.Url, "--version", "1.16.0", "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "-o", "out.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Contain("error TCR1006: ").And.Contain("1.18.1"), run.ToString);
            Assert.That(File.ReadAllText(output), Is.EqualTo("kept\n"));
        });
    }

    [Test]
    public async Task Unreachable_repository_is_TCR1007()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--repo", LoopbackChartRepository.UnreachableUrl(), "--version", "1.18.1", "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"));
        Assert.That(run.Error, Does.Contain("error TCR1007: "), run.ToString);
    }
}
