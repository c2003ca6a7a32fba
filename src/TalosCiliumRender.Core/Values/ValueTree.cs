using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>Builds values trees in code from dotted paths, with scalars typed through <see cref="ScalarFactory"/>.</summary>
internal sealed class ValueTree
{
    public YamlMappingNode Root { get; } = new();

    public ValueTree Set(string dottedPath, string value) => Set(dottedPath, ScalarFactory.String(value));

    public ValueTree Set(string dottedPath, bool value) => Set(dottedPath, ScalarFactory.Bool(value));

    public ValueTree Set(string dottedPath, int value) => Set(dottedPath, ScalarFactory.Int(value));

    public ValueTree Set(string dottedPath, IEnumerable<string> values) =>
        Set(dottedPath, new YamlSequenceNode(values.Select(v => (YamlNode)ScalarFactory.String(v))));

    public ValueTree Set(string dottedPath, YamlNode value)
    {
        var keys = dottedPath.Split('.');
        var map = Root;
        foreach (var key in keys[..^1])
        {
            if (map.Get(key) is not YamlMappingNode child)
            {
                child = new YamlMappingNode();
                map.Children[new YamlScalarNode(key)] = child;
            }

            map = child;
        }

        map.Children[new YamlScalarNode(keys[^1])] = value;
        return this;
    }
}
