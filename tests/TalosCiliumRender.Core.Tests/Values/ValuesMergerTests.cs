using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Values;

public sealed class ValuesMergerTests
{
    private static YamlMappingNode Yaml(string text) => YamlReader.ReadSingleMapping(text, "test.yaml", "Values");

    [Test]
    public void Maps_merge_deeply_and_higher_layers_win()
    {
        var merged = ValuesMerger.MergeAll([Yaml("a: {b: 1, c: 2}\nx: 1\n"), Yaml("a: {c: 3, d: 4}\n"), Yaml("a: {d: 5}\n")]);
        Assert.That(YamlWriter.WriteNode(merged), Is.EqualTo("a:\n  b: 1\n  c: 3\n  d: 5\nx: 1\n"));
    }

    [Test]
    public void Lists_and_scalars_replace_and_null_is_kept_so_helm_deletes_the_default()
    {
        var merged = ValuesMerger.MergeAll([Yaml("l: [1, 2, 3]\nm: {a: 1}\ns: x\n"), Yaml("l: [9]\nm: null\ns: {now: map}\n")]);
        Assert.That(YamlWriter.WriteNode(merged), Is.EqualTo("l:\n- 9\nm: null\ns:\n  now: map\n"));
    }

    [Test]
    public void Inputs_are_not_changed()
    {
        var lower = Yaml("a: {b: 1}\n");
        ValuesMerger.Merge(lower, Yaml("a: {b: 2}\n"));
        Assert.That(YamlWriter.WriteNode(lower), Is.EqualTo("a:\n  b: 1\n"));
    }
}
