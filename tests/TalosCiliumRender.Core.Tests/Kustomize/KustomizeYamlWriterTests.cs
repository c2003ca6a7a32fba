using TalosCiliumRender.Core.Kustomize;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class KustomizeYamlWriterTests
{
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
