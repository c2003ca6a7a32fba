using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartSourceTests
{
    private static readonly RenderEnvironment Env = Environment(TestPaths.Charts);

    [TestCase("oci://Registry.Example/cilium", "oci://registry.example cilium 1.18.1")]
    [TestCase("oci://registry.example", "oci://registry.example cilium 1.18.1")]
    [TestCase("oci://Registry.Example/Charts", "oci://registry.example/Charts cilium 1.18.1")]
    public void A_registry_with_the_chart_right_under_its_host_has_a_cache_key(string repository, string key)
    {
        var source = ChartSource.FromRepository(repository, "cilium", "1.18.1");
        Assert.That(source.CacheKey, Is.EqualTo(key));
    }

    [Test]
    public void An_oci_reference_is_an_Oci_source_with_a_pull_argument_list()
    {
        var source = ChartSource.Parse("oci://registry.example/cilium/cilium", null, "1.18.1", Env);

        Assert.Multiple(() =>
        {
            Assert.That(source, Is.EqualTo(new ChartSource(ChartSourceKind.Oci, "oci://registry.example/cilium/cilium", "cilium", "1.18.1")));
            Assert.That(source.ToPullArgumentList("/tmp/dl"), Is.EqualTo(new[]
            {
                "pull", "oci://registry.example/cilium/cilium", "--version", "1.18.1", "--destination", "/tmp/dl",
            }));
            Assert.That(source.CacheKey, Is.EqualTo("oci://registry.example/cilium cilium 1.18.1"));
            Assert.That(source.Display, Is.EqualTo("oci://registry.example/cilium/cilium:1.18.1"));
        });
    }

    [Test]
    public void A_render_gets_the_default_version_for_a_remote_chart_and_none_for_a_local_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ChartSource.ForRender("cilium", null, null, Env).Version, Is.EqualTo(ChartSource.DefaultVersion));
            Assert.That(ChartSource.ForRender("cilium", null, "1.17.0", Env).Version, Is.EqualTo("1.17.0"));
            Assert.That(ChartSource.ForRender(TestPaths.ChartArchive("1.18.1"), null, null, Env).Version, Is.Null, "a local chart is whatever version it is");
            Assert.That(ChartSource.ForRender(TestPaths.ChartArchive("1.18.1"), null, "1.18.1", Env).Version, Is.EqualTo("1.18.1"), "checked against Chart.yaml");
        });
    }

    [Test]
    public void An_oci_tag_is_the_version()
    {
        var source = ChartSource.Parse("oci://registry.example:5000/charts/cilium:1.19.6", null, null, Env);

        Assert.That(source, Is.EqualTo(new ChartSource(ChartSourceKind.Oci, "oci://registry.example:5000/charts/cilium", "cilium", "1.19.6")));
    }

    [Test]
    public void A_chart_name_with_an_oci_repository_is_the_oci_chart_inside_it()
    {
        var fromFolder = ChartSource.Parse("cilium", "oci://quay.io/cilium/charts", "1.18.1", Env);
        var fromReference = ChartSource.Parse("oci://quay.io/cilium/charts/cilium", null, "1.18.1", Env);

        Assert.That(fromFolder, Is.EqualTo(fromReference));
    }

    [TestCase("oci://registry.example/cilium/cilium", "https://helm.cilium.io", "1.18.1", "TCR0004", TestName = "oci with --repo is TCR0004")]
    [TestCase("oci://registry.example/cilium/cilium", null, null, "TCR1010", TestName = "oci without version is TCR1010")]
    [TestCase("oci://registry.example/cilium:1.18.1", null, "1.19.6", "TCR0004", TestName = "oci tag and a different version is TCR0004")]
    [TestCase("oci://registry.example", null, "1.18.1", "TCR0004", TestName = "oci without a chart path is TCR0004")]
    [TestCase("oci://", null, "1.18.1", "TCR0004", TestName = "oci scheme alone is TCR0004")]
    [TestCase("oci:///", null, null, "TCR0004", TestName = "oci scheme and slashes is TCR0004")]
    [TestCase("cilium", "oci://", "1.18.1", "TCR0004", TestName = "oci scheme alone as repository is TCR0004")]
    [TestCase("cilium", null, null, "TCR1010", TestName = "repository chart without version is TCR1010")]
    [TestCase("cilium", "ftp://charts.example", "1.18.1", "TCR0004", TestName = "non-http repository is TCR0004")]
    [TestCase("cilium-1.18.1.tgz", "https://helm.cilium.io", null, "TCR0004", TestName = "local chart with --repo is TCR0004")]
    [TestCase("./missing.tgz", null, null, "TCR1005", TestName = "missing relative path is TCR1005")]
    [TestCase("missing-1.0.0.tgz", null, null, "TCR1005", TestName = "missing tgz name is TCR1005")]
    [TestCase("/no/such/chart", null, "1.18.1", "TCR1005", TestName = "missing absolute path is TCR1005")]
    [TestCase("", null, "1.18.1", "TCR0004", TestName = "empty chart is TCR0004")]
    public void Invalid_combinations_are_coded(string chart, string? repository, string? version, string code) =>
        Assert.That(Diagnose(() => ChartSource.Parse(chart, repository, version, Env)).Code, Is.EqualTo(code));

    [Test]
    public void A_repo_alias_is_TCR1005_with_a_hint_to_use_the_chart_name_and_repo()
    {
        var diagnostic = Diagnose(() => ChartSource.Parse("cilium/cilium", null, "1.18.1", Env));
        TestContext.Out.WriteLine(diagnostic);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1005"));
            Assert.That(diagnostic.Message, Does.Contain("--repo").And.Contain("'cilium'"));
        });
    }

    [Test]
    public void An_existing_archive_is_Local_relative_to_the_working_directory()
    {
        var source = ChartSource.Parse("cilium-1.18.1.tgz", null, "1.18.1", Env);

        Assert.Multiple(() =>
        {
            Assert.That(source, Is.EqualTo(new ChartSource(ChartSourceKind.Local, TestPaths.ChartArchive("1.18.1"), null, "1.18.1")));
            Assert.That(source.CacheKey, Is.Null);
            Assert.That(source.Display, Is.EqualTo(TestPaths.ChartArchive("1.18.1")));
        });
    }

    [Test]
    public void An_existing_folder_without_separator_is_Local()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("cilium/Chart.yaml", "name: cilium\nversion: 1.0.0\n");

        var source = ChartSource.Parse("cilium", null, null, Environment(temp.Path));

        Assert.That(source.Kind, Is.EqualTo(ChartSourceKind.Local));
    }

    [Test]
    public void A_chart_name_comes_from_the_default_repository()
    {
        var source = ChartSource.Parse("cilium", null, "1.18.1", Env);

        Assert.Multiple(() =>
        {
            Assert.That(source, Is.EqualTo(new ChartSource(ChartSourceKind.Repository, "https://helm.cilium.io", "cilium", "1.18.1")));
            Assert.That(source.Display, Is.EqualTo("https://helm.cilium.io cilium 1.18.1"));
            Assert.That(source.ToPullArgumentList("/tmp/dl"), Is.EqualTo(new[]
            {
                "pull", "cilium", "--repo", "https://helm.cilium.io", "--version", "1.18.1", "--destination", "/tmp/dl",
            }));
        });
    }

    [TestCase("https://helm.cilium.io")]
    [TestCase("https://helm.cilium.io/")]
    [TestCase("HTTPS://Helm.Cilium.IO:443/")]
    [TestCase("https://user:secret@helm.cilium.io")]
    public void Cache_keys_normalize_the_repository_url(string repository) =>
        Assert.That(ChartSource.Parse("cilium", repository, "1.18.1", Env).CacheKey, Is.EqualTo("https://helm.cilium.io cilium 1.18.1"));
}
