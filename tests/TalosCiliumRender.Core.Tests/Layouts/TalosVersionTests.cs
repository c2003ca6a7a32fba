using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Layouts;

namespace TalosCiliumRender.Core.Tests.Layouts;

public sealed class TalosVersionTests
{
    [TestCase("1.13", 13, false)]
    [TestCase("v1.13.9", 13, false)]
    [TestCase("1.8", 8, false)]
    [TestCase("1.14", 14, true)]
    [TestCase("1.14.0-rc.1", 14, true)]
    [TestCase(" 1.15 ", 15, true)]
    public void Parses_and_picks_the_shape(string text, int minor, bool typed)
    {
        var version = TalosVersion.Parse(text);
        Assert.That((version.Minor, version.UsesTypedDocuments, version.ToString()), Is.EqualTo((minor, typed, $"1.{minor}")));
    }

    [TestCase("")]
    [TestCase("1")]
    [TestCase("latest")]
    [TestCase("2.0")]
    [TestCase("1.x")]
    public void Rejects_what_is_not_a_Talos_1_version_with_TCR5002(string text)
    {
        var error = Assert.Throws<DiagnosticException>(() => TalosVersion.Parse(text))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR5002"));
    }
}
