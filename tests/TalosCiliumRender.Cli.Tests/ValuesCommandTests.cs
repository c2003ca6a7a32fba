namespace TalosCiliumRender.Cli.Tests;

public sealed class ValuesCommandTests
{
    [Test]
    public async Task Prints_the_merged_values_in_precedence_order()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("prod.yaml", "hubble:\n  ui:\n    replicas: 2\noperator:\n  replicas: 1\n");
        var run = await Cli.RunAsync(temp.Path, "values", "--chart", TestPaths.ChartArchive("1.19.6"), "--helm", TestPaths.Helm(TestPaths.Helm3Version),
            "--chart-cache", temp.Combine("cache"), "--feature", "hubble-ui", "-f", "prod.yaml", "--set", "operator.replicas=3", "--kubeprism-port", "7446");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Snapshot.Match(run.Output, "yaml");
    }
}
