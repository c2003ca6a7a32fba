namespace TalosCiliumRender.Cli.Tests;

public sealed class ValuesCheckCommandTests
{
    [Test]
    public async Task Render_with_the_three_typos_exits_1_with_the_keys_meant_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(
            temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"),
            "--set", "hubble.relay.enabeld=true", "--set", "kubeProxyReplacment=false", "--set", "ipam.operator.clusterPoolIPv4PodCIDR=10.0.0.0/8",
            "-o", "cilium-manifests.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
            Assert.That(run.Error, Does.Contain("error TCR0101: 'hubble.relay.enabeld', set in --set 'hubble.relay.enabeld=true', is not a value chart cilium 1.18.1 reads"));
            Assert.That(run.Error, Does.Contain("Did you mean 'hubble.relay.enabled'?"));
            Assert.That(run.Error, Does.Contain("Did you mean 'kubeProxyReplacement'?"));
            Assert.That(run.Error, Does.Contain("Did you mean 'ipam.operator.clusterPoolIPv4PodCIDRList'?"));
            Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(temp.Combine("cilium-manifests.yaml")), Is.False);
        });
    }

    [Test]
    public async Task Values_points_at_the_file_line_and_column_and_allow_unknown_values_makes_it_a_warning()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values/prod.yaml", "hubble:\n  relay:\n    enabled: true\n  ui:\n    enabeld: true\n");
        string[] common = ["values", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "-f", "values/prod.yaml"];

        var refused = await Cli.RunAsync(temp.Path, common);
        var allowed = await Cli.RunAsync(temp.Path, [.. common, "--allow-unknown-values"]);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString);
            Assert.That(refused.Error, Does.Contain("values/prod.yaml(5,5): error TCR0101: 'hubble.ui.enabeld', set in values file 'values/prod.yaml'"));
            Assert.That(refused.Error, Does.Contain("Did you mean 'hubble.ui.enabled'?"));
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString);
            Assert.That(allowed.Error, Does.Contain("values/prod.yaml(5,5): warning TCR0101: "));
            Assert.That(allowed.Output, Does.Contain("enabeld: true"), "the values are printed as helm would get them");
        });
    }
}
