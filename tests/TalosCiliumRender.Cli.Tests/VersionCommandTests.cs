namespace TalosCiliumRender.Cli.Tests;

public sealed class VersionCommandTests
{
    [Test]
    public async Task Version_prints_the_tool_version()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(["version"], new CliConsole(output, error, () => Stream.Null), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.ToString().Trim(), Is.EqualTo(VersionCommand.ToolVersion));
            Assert.That(VersionCommand.ToolVersion, Does.Match(@"^\d+\.\d+\.\d+"));
        });
    }
}
