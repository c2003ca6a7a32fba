using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class YamlWriterTests
{
    private static string RoundTrip(string text) => YamlWriter.Write(YamlReader.ReadDocuments(text, "x.yaml"));

    [Test]
    public void Keeps_key_order_scalar_styles_and_literal_blocks()
    {
        const string text = "kind: ConfigMap\nmetadata:\n  name: \"cilium-config\"\ndata:\n  z: \"true\"\n  a: '0755'\n  script: |\n    #!/bin/sh\n    echo hi\n  n: 1e3\n";
        Assert.That(RoundTrip(text), Is.EqualTo(text));
    }

    [Test]
    public void Writes_documents_separated_by_dashes_with_their_source_comment_and_no_anchors()
    {
        const string text = "---\n# Source: a.yaml\nkind: A\nx: &anchor {k: v}\ny: *anchor\n---\n# Source: b.yaml\nkind: B\n";
        Assert.That(RoundTrip(text), Is.EqualTo("# Source: a.yaml\nkind: A\nx:\n  k: v\ny:\n  k: v\n---\n# Source: b.yaml\nkind: B\n"));
    }

    [Test]
    public void Empty_plain_value_stays_null_rather_than_becoming_an_empty_string()
    {
        var output = RoundTrip("metadata:\n  annotations:\n");
        var reread = YamlReader.ReadDocuments(output, "x");
        Assert.That(YamlEquivalence.Differences(reread[0].Root, YamlReader.ReadDocuments("metadata:\n  annotations:\n", "y")[0].Root), Is.Empty);
    }

    [Test]
    public void Long_lines_are_not_folded_and_line_endings_are_lf()
    {
        var longValue = new string('x', 500);
        var output = RoundTrip($"a: {longValue} {longValue}\r\nb: 1\r\n");
        Assert.That(output, Is.EqualTo($"a: {longValue} {longValue}\nb: 1\n"));
    }

    [TestCase("true")]
    [TestCase("on")]
    [TestCase("y")]
    [TestCase("0755")]
    [TestCase("0x1F")]
    [TestCase("1e3")]
    [TestCase(".inf")]
    [TestCase("~")]
    [TestCase("null")]
    [TestCase("2024-01-01")]
    [TestCase("12:30")]
    [TestCase("")]
    public void Strings_built_in_code_that_look_like_other_types_are_quoted(string value)
    {
        var output = YamlWriter.WriteNode(new YamlDotNet.RepresentationModel.YamlMappingNode { { "k", ScalarFactory.String(value) } });
        Assert.That(output, Is.EqualTo($"k: \"{value}\"\n"));
    }

    [TestCase("linux")]
    [TestCase("quay.io/cilium/cilium:v1.18.1")]
    [TestCase("1.18.1")]
    public void Plain_strings_stay_plain(string value)
    {
        var output = YamlWriter.WriteNode(new YamlDotNet.RepresentationModel.YamlMappingNode { { "k", ScalarFactory.String(value) } });
        Assert.That(output, Is.EqualTo($"k: {value}\n"));
    }

    [Test]
    public void Multi_line_strings_built_in_code_are_literal_blocks()
    {
        var output = YamlWriter.WriteNode(new YamlDotNet.RepresentationModel.YamlMappingNode { { "k", ScalarFactory.String("a\nb\n") } });
        Assert.That(output, Is.EqualTo("k: |\n  a\n  b\n"));
    }
}
