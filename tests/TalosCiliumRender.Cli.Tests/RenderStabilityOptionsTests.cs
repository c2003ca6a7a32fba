namespace TalosCiliumRender.Cli.Tests;

/// <summary>The render options for GitOps-stable output: carry-over, renewal window, non-idempotency as error.</summary>
public sealed class RenderStabilityOptionsTests
{
    [Test]
    public async Task Help_lists_the_stability_options()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Output, Does.Contain("--no-carry-over").And.Contain("--renew-before <days>").And.Contain("--fail-on-non-idempotent"));
        });
    }

    [Test]
    public async Task A_negative_renewal_window_is_TCR0004()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--renew-before", "-1");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Contain("error TCR0004: "));
        });
    }

    [Test]
    public async Task A_second_render_leaves_the_file_alone_and_without_carry_over_TCR4010_names_the_generated_secrets()
    {
        using var temp = new TempDirectory();
        string[] render = ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--feature", "hubble-relay", "-o", "out.yaml"];

        var first = await Cli.RunAsync(temp.Path, render);
        var bytes = File.ReadAllBytes(temp.Combine("out.yaml"));
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(temp.Combine("out.yaml"), stamp);
        var second = await Cli.RunAsync(temp.Path, render);
        var unchangedStamp = File.GetLastWriteTimeUtc(temp.Combine("out.yaml"));
        var optedOut = await Cli.RunAsync(temp.Path, [.. render, "--no-carry-over"]);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(second.ExitCode, Is.Zero, second.ToString);
            Assert.That(second.Error, Does.Not.Contain(" TCR4"), "nothing renewed, nothing reported by the guard");
            Assert.That(unchangedStamp, Is.EqualTo(stamp), "an unchanged render does not touch the file");
            Assert.That(optedOut.ExitCode, Is.Zero, optedOut.ToString);
            Assert.That(optedOut.Error, Does.Contain("warning TCR4010: Secret kube-system/cilium-ca "));
            // Compared as a flag: the bytes hold private keys, which a failure message must not show.
            Assert.That(File.ReadAllBytes(temp.Combine("out.yaml")).AsSpan().SequenceEqual(bytes), Is.True, "a file that differs only in freshly generated certificates is kept");
        });
    }
}
