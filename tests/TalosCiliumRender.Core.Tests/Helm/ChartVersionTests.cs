using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class ChartVersionTests
{
    [TestCase("1.19.0-rc.1", "1.19.0")]
    [TestCase("1.19.0-pre.3", "1.19.0-rc.1")]
    [TestCase("1.18.1", "1.19.0-rc.1")]
    [TestCase("1.18.9", "1.18.10")]
    [TestCase("1.9.0", "1.10.0")]
    [TestCase("v1.17.18", "1.18.1")]
    public void Versions_compare_by_SemVer_precedence(string older, string newer)
    {
        var (a, b) = (ChartVersion.TryParse(older)!, ChartVersion.TryParse(newer)!);
        Assert.Multiple(() =>
        {
            Assert.That(ChartVersion.Precedence.Compare(a, b), Is.LessThan(0));
            Assert.That(ChartVersion.Precedence.Compare(b, a), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Build_metadata_does_not_count()
    {
        Assert.That(ChartVersion.Precedence.Compare(ChartVersion.TryParse("1.18.1+abc")!, ChartVersion.TryParse("1.18.1")!), Is.Zero);
    }

    [TestCase("1.19.0-rc.1", 1, 19)]
    [TestCase("1.18", 1, 18)]
    [TestCase("v2.0.3", 2, 0)]
    public void The_release_line_of_a_version(string version, int major, int minor)
    {
        Assert.That(ChartVersion.LineOf(version), Is.EqualTo(new ReleaseLine(major, minor)));
    }

    [TestCase("")]
    [TestCase("latest")]
    [TestCase("1")]
    [TestCase("1.18.x")]
    [TestCase("01.18.1")]
    [TestCase("99999999999.1.0")]
    [TestCase(null)]
    public void What_is_no_chart_version_has_no_release_line(string? version)
    {
        Assert.That(ChartVersion.LineOf(version), Is.Null);
    }

    [TestCase("1.17", true)]
    [TestCase("1.8", true)]
    [TestCase("1.017", false)]
    [TestCase("1.17.0", false)]
    [TestCase("1", false)]
    [TestCase("1.x", false)]
    [TestCase("-1.2", false)]
    public void A_release_line_is_two_plain_numbers(string text, bool valid)
    {
        Assert.That(ReleaseLine.TryParse(text) is not null, Is.EqualTo(valid));
    }

    [Test]
    public void Release_lines_order_numerically()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ReleaseLine(1, 9) < new ReleaseLine(1, 10), Is.True);
            Assert.That(new ReleaseLine(1, 19) < new ReleaseLine(2, 0), Is.True);
            Assert.That(new ReleaseLine(1, 10).ToString(), Is.EqualTo("1.10"));
        });
    }
}
