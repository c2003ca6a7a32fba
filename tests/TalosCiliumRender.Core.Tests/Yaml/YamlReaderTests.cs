using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class YamlReaderTests
{
    [Test]
    public void Keeps_helm_source_comments_per_document_and_drops_empty_documents()
    {
        const string text = "---\n# Source: cilium/templates/a.yaml\nkind: A\n---\n# Source: cilium/templates/empty.yaml\n---\n# Source: cilium/templates/b.yaml\n# second line\nkind: B\n  # indented comment inside\n";
        var documents = YamlReader.ReadDocuments(text, "render");

        Assert.Multiple(() =>
        {
            Assert.That(documents.Select(d => d.SourceTemplate), Is.EqualTo(new[] { "cilium/templates/a.yaml", "cilium/templates/b.yaml" }));
            Assert.That(documents[1].HeaderComments, Is.EqualTo(new[] { "Source: cilium/templates/b.yaml", "second line" }));
        });
    }

    [Test]
    public void Reads_comments_at_any_indentation_that_yaml_allows()
    {
        // The shape of every Cilium values.yaml, which YamlDotNet's comment-preserving scanner rejects.
        const string text = "rbac:\n  # -- Enable\n  create: true\n# -- pull secrets\nimagePullSecrets: []\n# - name: x\n\n# -- next\nnext: 1\n";
        Assert.That(YamlReader.ReadDocuments(text, "values.yaml"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Comment_only_stream_has_no_documents()
    {
        Assert.That(YamlReader.ReadDocuments("# nothing\n", "x.yaml"), Is.Empty);
    }

    [Test]
    public void Aliases_are_expanded_into_independent_copies()
    {
        var documents = YamlReader.ReadDocuments("a: &x {b: 1}\nc: *x\n", "x.yaml");
        var root = (YamlMappingNode)documents[0].Root;
        Assert.That(root.Get("a"), Is.Not.SameAs(root.Get("c")));
        ((YamlMappingNode)root.Get("c")!).Children[new YamlScalarNode("b")] = new YamlScalarNode("2");
        Assert.That(YamlWriter.WriteNode(root), Is.EqualTo("a:\n  b: 1\nc:\n  b: 2\n"));
    }

    [Test]
    public void Duplicate_key_is_TCR3001_at_the_second_key()
    {
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments("a: 1\nb: 2\na: 3\n", "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.File, error.Diagnostic.Line), Is.EqualTo(("TCR3001", "x.yaml", (int?)3)));
    }

    [TestCase("a: [1, 2\n")]
    [TestCase("a: b: c\n")]
    [TestCase("a:\n\t- tab\n")]
    [TestCase("key: \"unterminated\n")]
    public void Malformed_yaml_is_TCR3002_with_a_position(string text)
    {
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(text, "x.yaml"))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR3002"));
            Assert.That(error.Diagnostic.Line, Is.GreaterThan(0));
        });
    }

    [TestCase("a:\n\tb: 1\n", 2, 1)]
    [TestCase("a:\n  b:\n  \tc: 1\n", 3, 3)]
    public void A_tab_used_as_indentation_is_reported_at_the_tab(string text, int line, int column)
    {
        // YamlDotNet raises this one without a position; the scanner stopped on the tab.
        var error = Assert.Throws<DiagnosticException>(() => YamlReader.ReadDocuments(text, "x.yaml"))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("TCR3002", (int?)line, (int?)column)));
    }
}
