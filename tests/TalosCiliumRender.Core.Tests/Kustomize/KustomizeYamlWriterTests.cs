using TalosCiliumRender.Core.Kustomize;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class KustomizeYamlWriterTests
{
    [Test]
    public void Keys_sort_in_go_yaml_v2_natural_order()
    {
        var keys = new List<string> { "aB", "a10", "a9", "a_b", "a.b", "a-b", "Z", "1", "b" };
        keys.Sort(KustomizeYamlWriter.CompareKeys);
        Assert.That(keys, Is.EqualTo(new[] { "1", "Z", "a-b", "a.b", "a_b", "a9", "a10", "aB", "b" }));
    }

    [TestCase(0.5, "0.5")]
    [TestCase(123456.5, "123456.5")]
    [TestCase(1234567.5, "1.2345675e+06")]
    [TestCase(1e-7, "1e-07")]
    [TestCase(1e-6, "1e-06")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1.5e30, "1.5e+30")]
    [TestCase(-2.25, "-2.25")]
    public void Floats_print_like_strconv_g(double value, string expected) =>
        Assert.That(KustomizeYamlWriter.FormatFloat(value), Is.EqualTo(expected));

    [TestCase("true", true)]
    [TestCase("on", true)]
    [TestCase("y", true)]
    [TestCase("0755", true)]
    [TestCase("0x1F", true)]
    [TestCase("1e3", true)]
    [TestCase("12:30", true)]
    [TestCase("2024-01-01", true)]
    [TestCase("", true)]
    [TestCase("~", true)]
    [TestCase("1.4.2", false)]
    [TestCase("v1", false)]
    [TestCase(".", false)]
    [TestCase("+", false)]
    public void Ambiguous_strings_are_detected_like_go_yaml_v2(string value, bool quoted) =>
        Assert.That(KustomizeYamlWriter.ResolvesToNonString(value), Is.EqualTo(quoted));

    [Test]
    public void Writes_styles_like_kubectl_kustomize()
    {
        var document = KustomizeValue.From(Core.Yaml.YamlReader.ReadDocuments(
            "kind: ConfigMap\ndata:\n  lit: \"a\\nb\\n\"\n  keep: \"a\\n\\n\"\n  strip: \"a\\nb\"\n  star: \"*\"\n  num: \"1\"\n  list: [1, {}, []]\n  octal: 0440\n",
            "t")[0].Root);

        var yaml = KustomizeYamlWriter.Write([document]);

        Assert.That(yaml, Is.EqualTo(
            "data:\n  keep: |+\n    a\n\n  list:\n  - 1\n  - {}\n  - []\n  lit: |\n    a\n    b\n  num: \"1\"\n  octal: 288\n  star: '*'\n  strip: |-\n    a\n    b\nkind: ConfigMap\n"));
    }

    [Test]
    public void Folds_long_plain_strings_at_column_80()
    {
        var document = KustomizeValue.From(Core.Yaml.YamlReader.ReadDocuments("k: " + string.Join(' ', Enumerable.Repeat("word", 30)) + "\n", "t")[0].Root);

        var lines = KustomizeYamlWriter.Write([document]).Split('\n');

        Assert.That(lines[0].Length, Is.InRange(80, 86));
        Assert.That(lines[1], Does.StartWith("  word"));
    }
}
