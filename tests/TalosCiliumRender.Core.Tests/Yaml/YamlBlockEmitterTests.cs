using System.Text;
using TalosCiliumRender.Core.Tests.Kustomize;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Yaml;

/// <summary>
/// The fast writer must write exactly what YamlDotNet's emitter writes with YamlWriter's settings, whenever it
/// accepts a document; these tests compare the two on awkward scalars, nested shapes and every YAML file of the
/// kustomize corpus. (Every document of the real renders is compared in ManifestRendererTests.)
/// </summary>
public sealed class YamlBlockEmitterTests
{
    private static readonly ScalarStyle[] Styles = [ScalarStyle.Any, ScalarStyle.Plain, ScalarStyle.SingleQuoted, ScalarStyle.DoubleQuoted, ScalarStyle.Literal, ScalarStyle.Folded];

    // Characters that decide YAML styles: indicators, quotes, escapes, spaces and line breaks, plus a letter.
    private const string Alphabet = "a -:#?'\"\\\n[{,!|>.";

    [Test]
    public void Awkward_scalars_are_written_as_yamldotnet_writes_them_as_keys_values_and_items()
    {
        var accepted = 0;
        var compared = 0;
        foreach (var value in Strings(maxLength: 3))
        {
            foreach (var style in Styles)
            {
                var shapes = new YamlNode[]
                {
                    new YamlMappingNode { { new YamlScalarNode("k"), Scalar(value, style) } },
                    new YamlMappingNode { { Scalar(value, style), new YamlScalarNode("v") } },
                    new YamlSequenceNode(Scalar(value, style), new YamlSequenceNode(Scalar(value, style))),
                    new YamlMappingNode { { "list", new YamlSequenceNode(new YamlMappingNode { { "k", Scalar(value, style) }, { "n", "1" } }) } },
                };
                foreach (var shape in shapes)
                {
                    compared++;
                    accepted += Compare(shape) ? 1 : 0;
                }
            }
        }

        // The fast path must carry the bulk of the cases, or this test would prove nothing.
        Assert.That(accepted, Is.GreaterThan(compared * 3 / 4), $"accepted {accepted} of {compared}");
    }

    [Test]
    public void Nested_and_empty_collections_are_written_as_yamldotnet_writes_them()
    {
        const string text = """
            a: {}
            b: []
            c:
            - []
            - {}
            - - x
              - - y
            - k: v
              l:
              - m: |
                  line
                    indented

                  after blank
                n: "q\"uote"
              o: 'it''s'
            d: |+
              keep

            e: |2-
               leading space
            f: ""
            g: null
            h: ~
            "key: colon": 1
            ? - complex
            : key
            """;
        var root = YamlReader.ReadDocuments(text, "x.yaml")[0].Root;
        var mapping = (YamlMappingNode)root;
        Assert.That(Compare(root), Is.False, "a complex key is left to YamlDotNet");

        mapping.Children.Remove(mapping.Children.Keys.OfType<YamlSequenceNode>().Single());
        Assert.That(Compare(root), Is.True);
    }

    [Test]
    public void Tags_characters_beyond_printable_ascii_and_scalar_documents_are_left_to_yamldotnet()
    {
        Assert.Multiple(() =>
        {
            Assert.That(YamlBlockEmitter.TryWrite(new YamlScalarNode(string.Empty), new StringBuilder()), Is.False);
            Assert.That(YamlBlockEmitter.TryWrite(YamlReader.ReadDocuments("a: !!str 1\n", "x")[0].Root, new StringBuilder()), Is.False);
            Assert.That(YamlBlockEmitter.TryWrite(YamlReader.ReadDocuments("a: \"tab\\there\"\n", "x")[0].Root, new StringBuilder()), Is.False);
            Assert.That(YamlBlockEmitter.TryWrite(YamlReader.ReadDocuments("a: café\n", "x")[0].Root, new StringBuilder()), Is.False);
            Assert.That(YamlWriter.WriteNode(YamlReader.ReadDocuments("a: café\nb: !!str 1\n", "x")[0].Root), Is.EqualTo("a: café\nb: !!str 1\n"));
        });
    }

    [TestCaseSource(typeof(ConformanceCase), nameof(ConformanceCase.All))]
    public void Every_yaml_file_of_a_kustomize_case_is_written_as_yamldotnet_writes_it(ConformanceCase conformanceCase)
    {
        foreach (var file in Directory.EnumerateFiles(conformanceCase.Directory, "*.yaml", SearchOption.AllDirectories))
        {
            IReadOnlyList<ManifestDocument> documents;
            try
            {
                documents = YamlReader.ReadDocuments(File.ReadAllText(file), file);
            }
            catch (TalosCiliumRender.Core.Diagnostics.DiagnosticException)
            {
                continue; // cases about malformed YAML
            }

            foreach (var document in documents)
            {
                Compare(document.Root, file);
            }
        }
    }

    /// <summary>Compares the two writers; returns whether the fast one accepted the node.</summary>
    private static bool Compare(YamlNode root, string? what = null)
    {
        var fast = new StringBuilder("prefix kept\n");
        if (!YamlBlockEmitter.TryWrite(root, fast))
        {
            Assert.That(fast.ToString(), Is.EqualTo("prefix kept\n"), "a declined node leaves the output as it was");
            return false;
        }

        Assert.That(fast.ToString(), Is.EqualTo("prefix kept\n" + YamlWriter.WriteNodeWithYamlDotNet(root)), what ?? Describe(root));
        return true;
    }

    private static YamlScalarNode Scalar(string value, ScalarStyle style) => new(value) { Style = style };

    private static IEnumerable<string> Strings(int maxLength)
    {
        IEnumerable<string> level = [string.Empty];
        yield return string.Empty;
        for (var length = 1; length <= maxLength; length++)
        {
            level = level.SelectMany(prefix => Alphabet.Select(c => prefix + c)).ToList();
            foreach (var value in level)
            {
                yield return value;
            }
        }
    }

    private static string Describe(YamlNode root) => YamlWriter.WriteNodeWithYamlDotNet(root).Replace("\n", "⏎", StringComparison.Ordinal);
}
