using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

public sealed class JsonPatchTests
{
    [Test]
    public void Parse_reads_operations_with_their_positions()
    {
        var operations = JsonPatch.Parse("""
            - op: add
              path: /metadata/labels/tier
              value: network
            - op: move
              from: /a
              path: /b
            - op: test
              path: /c
              value: null
            - op: remove
              path: /d
            """, "patch.yaml");

        Assert.That(operations.Select(o => (o.Op, o.Path, o.From)), Is.EqualTo(new[]
        {
            ("add", "/metadata/labels/tier", (string?)null),
            ("move", "/b", "/a"),
            ("test", "/c", null),
            ("remove", "/d", null),
        }));
        Assert.That(operations[0].Location, Is.EqualTo(new SourceLocation("patch.yaml", 1, 3)));
        Assert.That(operations[1].Location, Is.EqualTo(new SourceLocation("patch.yaml", 4, 3)));
        Assert.That(((YamlScalarNode)operations[0].Value!).Value, Is.EqualTo("network"));
        Assert.That(operations[2].Value, Is.InstanceOf<YamlScalarNode>(), "an explicit null is a value");
        Assert.That(operations[3].Value, Is.Null);
    }

    [Test]
    public void Parse_reads_json_with_tabs_and_no_spaces()
    {
        var operations = JsonPatch.Parse("[\n\t{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3},\n\t{\"op\":\"add\",\"path\":\"/a~1b\",\"value\":{\"x\":[1,\"2\"]}}\n]\n", "patch.json");

        Assert.That(operations, Has.Count.EqualTo(2));
        Assert.That(GoYamlDialect.Resolve((YamlScalarNode)operations[0].Value!), Is.EqualTo(GoYamlDialect.Kind.Int));
        Assert.That(operations[1].Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void Parse_reports_the_line_of_a_bad_operation()
    {
        var error = Assert.Throws<DiagnosticException>(() => JsonPatch.Parse("- op: add\n  path: /a\n  value: 1\n- op: frob\n  path: /b\n", "p.yaml"))!;

        Assert.That((error.Diagnostic.Code, error.Diagnostic.File, error.Diagnostic.Line), Is.EqualTo(("TCR2021", "p.yaml", 4)));
    }

    [Test]
    public void Parse_reports_the_position_of_a_bad_pointer()
    {
        var error = Assert.Throws<DiagnosticException>(() => JsonPatch.Parse("- op: remove\n  path: spec/replicas\n", "p.yaml"))!;

        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("TCR2022", 2, 9)));
    }

    [TestCase("")]
    [TestCase("- op: add\n  path: /a\n  value: 1\n---\n- op: remove\n  path: /a\n")]
    [TestCase("just text")]
    public void Parse_rejects_bodies_that_are_not_one_list(string text)
    {
        var error = Assert.Throws<DiagnosticException>(() => JsonPatch.Parse(text, "p.yaml"));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo("TCR2020"));
    }

    [Test]
    public void Empty_list_changes_nothing()
    {
        var document = Read("a: 1\n");

        Assert.That(JsonPatch.Apply(document, JsonPatch.Parse("[]", null), "r"), Is.SameAs(document));
        Assert.That(YamlWriter.WriteNode(document), Is.EqualTo("a: 1\n"));
    }

    [Test]
    public void Replace_and_add_keep_the_key_position_and_sibling_styles()
    {
        var document = Read("data:\n  a: \"1\"\n  b: 'two'\n  c: |\n    three\n");
        var result = JsonPatch.Apply(document, JsonPatch.Parse("- op: replace\n  path: /data/a\n  value: \"9\"\n- op: add\n  path: /data/b\n  value: 2\n", null), "r");

        Assert.That(YamlWriter.WriteNode(result), Is.EqualTo("data:\n  a: \"9\"\n  b: 2\n  c: |\n    three\n"));
    }

    [Test]
    public void New_keys_are_quoted_when_they_would_read_as_another_type()
    {
        var document = Read("data: {}\n");
        JsonPatch.Apply(document, JsonPatch.Parse("- op: add\n  path: /data/true\n  value: x\n- op: add\n  path: /data/0755\n  value: y\n", null), "r");

        Assert.That(YamlWriter.WriteNode(document), Is.EqualTo("data:\n  \"true\": x\n  \"0755\": y\n"));
    }

    [Test]
    public void The_same_value_added_twice_is_two_nodes()
    {
        var document = Read("a: []\n");
        var operations = JsonPatch.Parse("- op: add\n  path: /a/-\n  value: {k: v}\n", null);

        JsonPatch.Apply(document, operations, "r");
        JsonPatch.Apply(document, operations, "r");

        var list = (YamlSequenceNode)((YamlMappingNode)document).Get("a")!;
        Assert.That(list.Children, Has.Count.EqualTo(2));
        Assert.That(list.Children[0], Is.Not.SameAs(list.Children[1]));
        Assert.That(list.Children[0], Is.Not.SameAs(operations[0].Value));
    }

    [Test]
    public void Copy_makes_an_independent_copy()
    {
        var document = Read("a:\n  k: v\n");
        JsonPatch.Apply(document, JsonPatch.Parse("- op: copy\n  from: /a\n  path: /b\n- op: replace\n  path: /b/k\n  value: changed\n", null), "r");

        Assert.That(YamlWriter.WriteNode(document), Is.EqualTo("a:\n  k: v\nb:\n  k: changed\n"));
    }

    [Test]
    public void Only_replace_and_test_take_the_empty_pointer()
    {
        var document = Read("a: 1\n");

        var replaced = JsonPatch.Apply(document, JsonPatch.Parse("- op: replace\n  path: \"\"\n  value: {b: 2}\n", null), "r");
        var error = Assert.Throws<DiagnosticException>(() => JsonPatch.Apply(document, JsonPatch.Parse("- op: add\n  path: ''\n  value: [1]\n", null), "r"));

        Assert.That(YamlWriter.WriteNode(replaced), Is.EqualTo("b: 2\n"));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo("TCR2020"), "kustomize: add operation does not apply: doc is missing path: \"\"");
    }

    [Test]
    public void Tilde_escapes_are_decoded_once()
    {
        var document = Read("m:\n  a/b: 1\n  c~d: 2\n  e~1f: 3\n");
        JsonPatch.Apply(document, JsonPatch.Parse("- op: remove\n  path: /m/a~1b\n- op: remove\n  path: /m/c~0d\n- op: replace\n  path: /m/e~01f\n  value: 4\n", null), "r");

        Assert.That(YamlWriter.WriteNode(document), Is.EqualTo("m:\n  e~1f: 4\n"));
    }

    [Test]
    public void Failing_test_names_the_pointer_and_the_values()
    {
        var error = Assert.Throws<DiagnosticException>(() =>
            JsonPatch.Apply(Read("spec:\n  replicas: 2\n"), JsonPatch.Parse("- op: test\n  path: /spec/replicas\n  value: 3\n", "p.yaml"), "Deployment/default/web"))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR2026"));
        Assert.That(error.Diagnostic.Message, Does.Contain("/spec/replicas").And.Contain("Deployment/default/web").And.Contain("p.yaml"));
        Assert.That((error.Diagnostic.File, error.Diagnostic.Line), Is.EqualTo(("p.yaml", 1)));
    }

    [Test]
    public void Test_compares_by_meaning()
    {
        var document = Read("v: 0x1F\ns: 'abc'\nm: {b: 1, a: [x, y]}\n");

        Assert.DoesNotThrow(() => JsonPatch.Apply(document, JsonPatch.Parse(
            "- op: test\n  path: /v\n  value: 31\n- op: test\n  path: /s\n  value: \"abc\"\n- op: test\n  path: /m\n  value: {a: [x, y], b: 1}\n", null), "r"));
    }

    [Test]
    public void Operations_built_in_code_are_validated()
    {
        var operation = new JsonPatchOperation("add", "no-slash", null, new YamlScalarNode("x"), default);

        var error = Assert.Throws<DiagnosticException>(() => JsonPatch.Apply(Read("a: 1\n"), [operation], "r"));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo("TCR2022"));
    }

    [Test]
    public void Value_styles_survive_insertion()
    {
        var document = Read("a: {}\n");
        JsonPatch.Apply(document, JsonPatch.Parse("- op: add\n  path: /a/script\n  value: |\n    line one\n    line two\n", null), "r");

        var script = (YamlScalarNode)((YamlMappingNode)((YamlMappingNode)document).Get("a")!).Get("script")!;
        Assert.That(script.Style, Is.EqualTo(ScalarStyle.Literal));
        Assert.That(script.Value, Is.EqualTo("line one\nline two\n"));
    }

    private static YamlNode Read(string yaml) => YamlReader.ReadDocuments(yaml, "doc.yaml")[0].Root;
}
