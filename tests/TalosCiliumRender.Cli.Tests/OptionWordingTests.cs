namespace TalosCiliumRender.Cli.Tests;

/// <summary>The CLI's half of <see cref="OptionWording"/>: it says what the MSBuild task says about the same bad value.</summary>
public sealed class OptionWordingTests
{
    public static IEnumerable<OptionWording.Case> Cases => OptionWording.Cases;

    [TestCaseSource(nameof(Cases))]
    public async Task A_bad_value_is_worded_as_the_MSBuild_task_words_it(OptionWording.Case bad)
    {
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", temp.Combine("no-such-helm"), "-o", "out.yaml", bad.Flag, bad.Value);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain($"Invalid value '{bad.Value}' for ").And.Contain(bad.Says), run.ToString);
            Assert.That(run.Error, Does.Not.Contain("TCR1001"), "helm is never looked for");
        });
    }

    [Test]
    public async Task Every_bad_value_is_reported_at_once()
    {
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", temp.Combine("no-such-helm"), "-o", "out.yaml",
            "--layout", "folder", "--renew-before", "-1", "--timeout", "0", "--release", "Cilium", "--namespace", "Kube_System", "--kube-version", "latest");

        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(6), run.ToString);
    }
}
