namespace TalosCiliumRender.Cli.Tests;

/// <summary>Issue 14 on the command line: --allow-minor-skip, --allow-downgrade, and values -o for upgradeCompatibility.</summary>
public sealed class UpgradeOptionsTests
{
    private static string[] Render(string version, params string[] more) =>
        ["render", "--chart", TestPaths.ChartArchive(version), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", "cache", "--no-lint", "-o", "out.yaml", .. more];

    [Test]
    public async Task Help_lists_the_upgrade_options()
    {
        using var temp = new TempDirectory();
        var render = await Cli.RunAsync(temp.Path, "render", "--help");
        var values = await Cli.RunAsync(temp.Path, "values", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(render.Output, Does.Contain("--allow-minor-skip").And.Contain("--allow-downgrade"));
            Assert.That(values.Output, Does.Contain("--allow-minor-skip").And.Contain("--output").And.Contain("--layout"));
        });
    }

    [Test]
    public async Task A_skipped_minor_exits_1_and_leaves_the_file_and_allow_minor_skip_renders_it()
    {
        using var temp = new TempDirectory();
        var first = await Cli.RunAsync(temp.Path, Render("1.17.18"));
        var before = File.ReadAllBytes(temp.Combine("out.yaml"));
        var refused = await Cli.RunAsync(temp.Path, Render("1.19.6"));
        var unchanged = File.ReadAllBytes(temp.Combine("out.yaml")).AsSpan().SequenceEqual(before);
        var allowed = await Cli.RunAsync(temp.Path, Render("1.19.6", "--allow-minor-skip"));

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("out.yaml: error TCR1101: ").And.Contain("1.17 → 1.18 → 1.19"));
            Assert.That(unchanged, Is.True, "nothing written");
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString);
            Assert.That(File.ReadAllText(temp.Combine("out.yaml")), Does.Contain("# chart: cilium 1.19.6 ").And.Contain("# upgrade-compatibility: 1.17 "));
        });
    }

    [Test]
    public async Task A_downgrade_exits_1_and_allow_downgrade_renders_it()
    {
        using var temp = new TempDirectory();
        var first = await Cli.RunAsync(temp.Path, Render("1.18.1"));
        var refused = await Cli.RunAsync(temp.Path, Render("1.17.18"));
        var check = await Cli.RunAsync(temp.Path, Render("1.17.18", "--check"));
        var allowed = await Cli.RunAsync(temp.Path, Render("1.17.18", "--allow-downgrade"));

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("error TCR1102: ").And.Contain("--allow-downgrade"));
            Assert.That(check.ExitCode, Is.EqualTo(1));
            Assert.That(check.Error, Does.Contain("error TCR1102: ").And.Not.Contain("TCR0008"));
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString);
            Assert.That(File.ReadAllText(temp.Combine("out.yaml")), Does.Contain("# chart: cilium 1.17.18 ").And.Contain("# upgrade-compatibility: 1.18 "));
        });
    }

    [Test]
    public async Task Values_for_an_output_show_the_upgradeCompatibility_a_render_would_set()
    {
        using var temp = new TempDirectory();
        string[] common = ["--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", "cache"];
        var first = await Cli.RunAsync(temp.Path, ["render", "--chart", TestPaths.ChartArchive("1.17.18"), "--layout", "directory", "-o", "gitops", "--no-lint", .. common]);
        var values = await Cli.RunAsync(temp.Path, ["values", "--chart", TestPaths.ChartArchive("1.18.1"), "--layout", "directory", "-o", "gitops", .. common]);
        var wrongLayout = await Cli.RunAsync(temp.Path, ["values", "--chart", TestPaths.ChartArchive("1.18.1"), "-o", "gitops", .. common]);
        var fresh = await Cli.RunAsync(temp.Path, ["values", "--chart", TestPaths.ChartArchive("1.18.1"), .. common]);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(values.ExitCode, Is.Zero, values.ToString);
            Assert.That(values.Output, Does.Contain("upgradeCompatibility: \"1.17\""));
            Assert.That(wrongLayout.Output, Does.Not.Contain("upgradeCompatibility"), "a folder read as a file holds no header");
            Assert.That(fresh.Output, Does.Not.Contain("upgradeCompatibility"));
        });
    }
}
