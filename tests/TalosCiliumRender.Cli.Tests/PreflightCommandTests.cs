namespace TalosCiliumRender.Cli.Tests;

/// <summary><c>render --preflight</c> and <c>values --preflight</c>: Cilium's upgrade pre-flight check, in a file of its own.</summary>
public sealed class PreflightCommandTests
{
    private static string[] Common(TempDirectory temp) =>
        ["--chart", TestPaths.ChartArchive("1.19.6"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "--feature", "hubble-tls-cronjob"];

    [Test]
    public async Task Render_preflight_writes_the_check_to_its_own_file_and_refuses_the_main_render_with_TCR0040()
    {
        using var temp = new TempDirectory();
        var preflight = await Cli.RunAsync(temp.Path, ["render", .. Common(temp), "--preflight", "--kubeprism-port", "7446", "-o", "cilium-preflight.yaml"]);
        var main = await Cli.RunAsync(temp.Path, ["render", .. Common(temp), "--kubeprism-port", "7446", "-o", "cilium.yaml"]);
        var committed = File.ReadAllBytes(temp.Combine("cilium.yaml"));
        var mistake = await Cli.RunAsync(temp.Path, ["render", .. Common(temp), "--preflight", "--kubeprism-port", "7446", "-o", "cilium.yaml"]);
        var written = File.ReadAllText(temp.Combine("cilium-preflight.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(preflight.ExitCode, Is.Zero, preflight.ToString);
            Assert.That(preflight.Error, Is.Empty, "no lint finding on a pre-flight check on KubePrism");
            Assert.That(written, Does.Contain("kind: DaemonSet\nmetadata:\n  name: cilium-pre-flight-check\n"));
            Assert.That(written, Does.Contain("- name: KUBERNETES_SERVICE_PORT\n          value: \"7446\"\n"));
            Assert.That(written, Does.Not.Contain("name: cilium-operator\n").And.Not.Contain("name: cilium-config\n"));
            Assert.That(main.ExitCode, Is.Zero, main.ToString);
            Assert.That(mistake.ExitCode, Is.EqualTo(1), mistake.ToString);
            Assert.That(mistake.Error, Does.Contain("cilium.yaml: error TCR0040: 'cilium.yaml' holds Cilium's agent (DaemonSet 'cilium')"));
            Assert.That(File.ReadAllBytes(temp.Combine("cilium.yaml")), Is.EqualTo(committed), "the main render is untouched");
        });
    }

    [Test]
    public async Task Values_preflight_shows_the_guides_values_over_the_users()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, ["values", .. Common(temp), "--preflight", "--set", "agent=true"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Does.EndWith("agent: false\npreflight:\n  enabled: true\noperator:\n  enabled: false\n"));
            Assert.That(run.Output, Does.Contain("k8sServiceHost: localhost\nk8sServicePort: 7445\n"));
        });
    }

    [Test]
    public async Task Render_preflight_with_the_talos_layout_is_TCR0004()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, ["render", .. Common(temp), "--preflight", "--layout", "talos", "--talos-version", "1.12", "-o", "patch.yaml"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
            Assert.That(run.Error, Does.Contain("error TCR0004: Invalid value 'talos' for the output layout"));
            Assert.That(File.Exists(temp.Combine("patch.yaml")), Is.False);
        });
    }
}
