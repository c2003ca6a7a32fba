using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

internal static class PatchAssert
{
    /// <summary>Tree equality as the conformance runner compares: maps unordered, lists ordered, scalars by type and value.</summary>
    public static void Equivalent(YamlNode? actual, YamlNode? expected, PatchFixture fixture)
    {
        if (expected is null)
        {
            Assert.That(actual, Is.Null, $"{fixture.Name}: the resource should be deleted");
            return;
        }

        Assert.That(actual, Is.Not.Null, $"{fixture.Name}: the resource was deleted");
        var differences = YamlEquivalence.Differences(actual, expected, limit: 10).ToList();
        Assert.That(
            differences,
            Is.Empty,
            $"{fixture.Name} ({fixture.Description}; reference: {fixture.Reference})\nactual:\n{YamlWriter.WriteNode(actual!)}");
    }

    public static void NoDirectives(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } text })
                    {
                        Assert.That(StrategicMergePatch.IsDirective(text), Is.False, $"directive '{text}' reached the output");
                    }

                    NoDirectives(value);
                }

                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children)
                {
                    NoDirectives(child);
                }

                break;
        }
    }
}
