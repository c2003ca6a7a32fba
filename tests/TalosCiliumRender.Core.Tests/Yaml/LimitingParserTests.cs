using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Yaml;

/// <summary>The YAML limits, at their edges. Every entry point is fed hostile input in the CLI's HostileYamlTests.</summary>
public sealed class LimitingParserTests
{
    [TestCase("[", "]")]
    [TestCase("{a: ", "}")]
    public void Flow_nesting_up_to_the_limit_is_read_and_one_level_more_is_TCR3005_where_it_starts(string open, string close)
    {
        static string Nested(string open, string close, int depth) =>
            string.Concat(Enumerable.Repeat(open, depth)) + (open == "[" ? string.Empty : "1") + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        Assert.That(YamlReader.ReadDocuments(Nested(open, close, YamlLimits.MaxDepth), "x.yaml"), Has.Count.EqualTo(1));
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(Nested(open, close, YamlLimits.MaxDepth + 1), "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column),
            Is.EqualTo(("TCR3005", "x.yaml", (int?)1, (int?)((YamlLimits.MaxDepth * open.Length) + 1))));
    }

    [Test]
    public void Block_nesting_beyond_the_limit_is_TCR3005_at_its_line()
    {
        var text = string.Concat(Enumerable.Range(0, YamlLimits.MaxDepth + 5).Select(i => new string(' ', i) + "a:\n")) + "\n";
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(text, "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line), Is.EqualTo(("TCR3005", (int?)(YamlLimits.MaxDepth + 1))));
    }

    [Test]
    public void Depth_counts_each_document_afresh()
    {
        var deep = new string('[', YamlLimits.MaxDepth) + new string(']', YamlLimits.MaxDepth);
        Assert.That(YamlReader.ReadDocuments($"{deep}\n---\n{deep}\n", "x.yaml"), Has.Count.EqualTo(2));
    }

    [Test]
    public void An_alias_that_expands_beyond_the_depth_limit_is_TCR3005_at_the_alias()
    {
        var half = (YamlLimits.MaxDepth / 2) + 1;
        var text = $"a: &a {new string('[', half)}{new string(']', half)}\nb: {new string('[', half)}*a{new string(']', half)}\n";
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(text, "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("TCR3005", (int?)2, (int?)(4 + half))));
        Assert.That(error.Diagnostic.Message, Does.Contain("once alias *a is expanded"));
    }

    [Test]
    public void Billion_laughs_is_TCR3006_at_the_alias_that_crosses_the_ratio()
    {
        var text = "a: &a [x,x,x,x,x,x,x,x,x]\n" + string.Concat("bcdefghi".Select(c => $"{c}: &{c} [{string.Join(',', Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]\n"));
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(text, "x.yaml"))!;

        // By go-yaml's rule: after *c's first expansions the document passes 1,000 nodes with 99% of them copies.
        Assert.That((error.Diagnostic.Code, error.Diagnostic.File, error.Diagnostic.Line), Is.EqualTo(("TCR3006", "x.yaml", (int?)4)));
    }

    [Test]
    public void An_alias_inside_its_own_anchor_is_TCR3006()
    {
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments("a: &x {b: [1, *x]}\n", "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("TCR3006", (int?)1, (int?)15)));
    }

    [Test]
    public void Ordinary_anchors_reused_many_times_are_read_and_expanded()
    {
        // A shared block of labels reused by 500 objects: 3,000 copied nodes of 5,500, well inside the ratio.
        var text = "defaults: &labels {app: cilium, part-of: cilium}\nitems:\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"- {{name: n{i}, labels: *labels}}\n"));
        var root = (YamlMappingNode)YamlReader.ReadDocuments(text, "x.yaml")[0].Root;
        Assert.That(((YamlSequenceNode)root.Get("items")!).Children, Has.Count.EqualTo(500));
    }

    // go-yaml v3 decode.go allowedAliasRatio: 0.99 up to 400,000 nodes, 0.10 from 4,000,000, linear between.
    [TestCase(1000, 999, true)]
    [TestCase(1001, 990, true)]
    [TestCase(1001, 992, false)]
    [TestCase(2000, 100, true)]
    [TestCase(400_000, 396_000, true)]
    [TestCase(400_000, 396_001, false)]
    [TestCase(2_200_000, 1_198_000, true)]
    [TestCase(2_200_000, 1_200_000, false)]
    [TestCase(4_000_000, 400_000, true)]
    [TestCase(10_000_000, 1_000_001, false)]
    public void Alias_share_follows_go_yaml(long nodes, long aliasNodes, bool allowed) =>
        Assert.That(YamlLimits.AliasShareAllowed(nodes, aliasNodes), Is.EqualTo(allowed));
}
