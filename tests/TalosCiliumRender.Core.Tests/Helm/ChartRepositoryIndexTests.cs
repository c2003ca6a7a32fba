using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartRepositoryIndexTests
{
    [Test]
    public void Versions_and_chart_names_are_read_from_a_real_index()
    {
        var (versions, names) = ChartRepositoryIndex.Read(Path.Combine(TestPaths.Charts, "index.yaml"), "cilium");

        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.EquivalentTo(TestPaths.ChartVersions));
            Assert.That(names, Is.EqualTo(new[] { "cilium" }));
        });
    }

    [Test]
    public void Describe_lists_newest_first_and_truncates() =>
        Assert.That(ChartRepositoryIndex.Describe(["1.9.0", "1.17.18", "1.18.1", "1.10.0"], 3), Is.EqualTo("1.18.1, 1.17.18, 1.10.0, … (1 more)"));

    [Test]
    public void Describe_puts_a_release_above_its_pre_releases_and_non_versions_last() =>
        Assert.That(ChartRepositoryIndex.Describe(["1.19.0-rc.1", "nightly", "1.19.0", "1.19.0-pre.3", "1.18.1"], 10), Is.EqualTo("1.19.0, 1.19.0-rc.1, 1.19.0-pre.3, 1.18.1, nightly"));

    [Test]
    public void An_unreadable_index_gives_no_hint()
    {
        using var temp = new TempDirectory();
        var (versions, names) = ChartRepositoryIndex.Read(temp.WriteFile("index.yaml", "entries: [unclosed"), "cilium");

        Assert.That(versions.Concat(names), Is.Empty);
    }
}
