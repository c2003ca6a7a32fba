using TalosCiliumRender.Core.Kustomize;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["tier"] = "web", ["env"] = "prod", ["weight"] = "5" };

    [TestCase("", true)]
    [TestCase("tier=web", true)]
    [TestCase("tier==web", true)]
    [TestCase("tier!=web", false)]
    [TestCase("tier=db", false)]
    [TestCase("tier in (web, db)", true)]
    [TestCase("tier notin (web)", false)]
    [TestCase("missing notin (x)", true)]
    [TestCase("missing!=x", true)]
    [TestCase("tier", true)]
    [TestCase("!tier", false)]
    [TestCase("!missing", true)]
    [TestCase("tier=web,env=prod", true)]
    [TestCase("tier=web,env=dev", false)]
    [TestCase("weight>4", true)]
    [TestCase("weight<4", false)]
    [TestCase("example.com/x.Y_z-1 notin (,a.b_c-D)", true)]
    [TestCase("tier=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv", false)]
    public void Matches_like_Kubernetes(string selector, bool expected) =>
        Assert.That(LabelSelector.Parse(selector).Matches(Web), Is.EqualTo(expected));

    [TestCase("tier in (web")]
    [TestCase("tier in ()")]
    [TestCase("=web")]
    [TestCase("tier web")]
    [TestCase("weight>x")]
    [TestCase("a~b")]
    [TestCase("a~b=t")]
    [TestCase("!a~b")]
    [TestCase("x=x~y")]
    [TestCase("a=-b")]
    [TestCase("a in (b, c~d)")]
    [TestCase("a=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [TestCase("Example.com/a")]
    [TestCase("example.com/a/b")]
    [TestCase("/a")]
    [TestCase("a/")]
    public void Rejects_malformed_selectors(string selector) =>
        Assert.That(() => LabelSelector.Parse(selector), Throws.TypeOf<FormatException>());
}
