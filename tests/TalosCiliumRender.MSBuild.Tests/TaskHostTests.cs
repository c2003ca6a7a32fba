namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>
/// Where the task runs, per MSBuild flavour, by evaluating the in-repo targets with the two inputs overridden
/// (MSBuildRuntimeType and MSBuildVersion are reserved, so the targets copy them into private properties).
/// Running the NET task host for real is covered by an integration test.
/// </summary>
public sealed class TaskHostTests
{
    private TempDirectory _temp = null!;
    private string _probe = null!;

    [OneTimeSetUp]
    public void WriteProbeProject()
    {
        _temp = new TempDirectory();
        var build = Path.Combine(TestPaths.RepositoryRoot, "src", "TalosCiliumRender.MSBuild", "build");
        _probe = _temp.WriteFile("probe.proj", $"""
            <Project>
              <Import Project="{build}/TalosCiliumRender.MSBuild.props" />
              <Import Project="{build}/TalosCiliumRender.MSBuild.targets" />
            </Project>
            """);
    }

    [OneTimeTearDown]
    public void Delete() => _temp.Dispose();

    [TestCase("Core", "18.9.11", "InProc")]
    [TestCase("Core", "17.8.3", "InProc")]
    [TestCase("Full", "18.0.0", "NET")]
    [TestCase("Full", "18.3.1", "NET")]
    [TestCase("Full", "17.14.8", "Unsupported")]
    [TestCase("Mono", "16.10.1", "Unsupported")]
    public async Task Task_host_choice(string runtime, string version, string expected)
    {
        var run = await DotNetCli.RunAsync(_temp.Path, ["msbuild", _probe, "-nologo", "-getProperty:_TalosCiliumRenderTaskHost", $"-p:_TalosCiliumRenderRuntimeType={runtime}", $"-p:_TalosCiliumRenderMSBuildVersion={version}"]);
        Assert.That((run.ExitCode, run.Output.Trim()), Is.EqualTo((0, expected)), run.ToString);
    }

    [Test]
    public async Task Old_Visual_Studio_MSBuild_fails_with_TCR0001_unless_skipped()
    {
        string[] oldFull = ["msbuild", _probe, "-nologo", "-t:TalosCiliumRender", "-p:_TalosCiliumRenderRuntimeType=Full", "-p:_TalosCiliumRenderMSBuildVersion=17.14.8"];
        var failed = await DotNetCli.RunAsync(_temp.Path, oldFull);
        var skipped = await DotNetCli.RunAsync(_temp.Path, [.. oldFull, "-p:TalosCiliumRenderSkip=true"]);

        Assert.Multiple(() =>
        {
            Assert.That(failed.ExitCode, Is.Not.Zero, failed.ToString);
            Assert.That(failed.Output, Does.Contain("error TCR0001: "));
            Assert.That(skipped.ExitCode, Is.Zero, skipped.ToString);
        });
    }
}
