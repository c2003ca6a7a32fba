namespace TalosCiliumRender.Cli.Tests;

/// <summary>
/// A run builds only the subcommand it names (start-up time); help, parse errors and exit codes must be exactly those
/// of the whole command tree.
/// </summary>
public sealed class CommandTreeTests
{
    private static readonly string[][] CommandLines =
    [
        ["--version"],
        ["--help"],
        [],
        ["rendr"],
        ["render", "--help"],
        ["render", "--no-such-option"],
        ["render", "--renew-before", "soon"],
        ["render", "version"],
        ["render", "--version"],
        ["values", "--help"],
        ["values", "extra", "tokens"],
        ["kustomize", "--help"],
        ["kustomize"],
        ["diff", "--help"],
        ["diff", "only-one"],
        ["upgrade-report", "--help"],
        ["upgrade-report", "--bogus"],
        ["cache", "--help"],
        ["cache"],
        ["cache", "add", "--help"],
        ["cache", "path", "--help"],
        ["cache", "pth"],
        ["version", "--help"],
        ["version", "extra"],
        ["version"],
    ];

    [TestCaseSource(nameof(CommandLines))]
    public async Task The_trimmed_tree_answers_like_the_whole_tree(string[] args)
    {
        var whole = await RunAsync(console => CliApplication.CreateRootCommand(console), args);
        var trimmed = await RunAsync(console => CliApplication.CreateRootCommand(console, args), args);

        Assert.That(trimmed, Is.EqualTo(whole));
    }

    [Test]
    public void A_subcommand_alone_is_all_the_tree_holds()
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, () => Stream.Null);

        Assert.Multiple(() =>
        {
            Assert.That(CliApplication.CreateRootCommand(console, ["render", "--help"]).Subcommands.Select(c => c.Name), Is.EqualTo(new[] { "render" }));
            Assert.That(CliApplication.CreateRootCommand(console, ["--version"]).Subcommands, Is.Empty);
            Assert.That(CliApplication.CreateRootCommand(console, ["rendr"]).Subcommands, Has.Count.EqualTo(7));
        });
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<CliConsole, System.CommandLine.RootCommand> tree, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, () => Stream.Null);
        var exitCode = await CliApplication.RunAsync(tree(console), args, console, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
