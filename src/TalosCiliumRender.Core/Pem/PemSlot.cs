using System.Globalization;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Pem;

/// <summary>A scalar of a document that holds PEM material.</summary>
/// <param name="Path">Where it is, in <see cref="YamlEquivalence"/>'s path form (<c>data["tls.crt"]</c>).</param>
/// <param name="Node">The scalar.</param>
/// <param name="Value">Its PEM content.</param>
internal sealed record PemSlot(string Path, YamlScalarNode Node, PemValue Value)
{
    /// <summary>Every scalar of a document that holds PEM material, in document order.</summary>
    public static IReadOnlyList<PemSlot> FindAll(YamlNode root)
    {
        var slots = new List<PemSlot>();
        Visit(root, [], slots);
        return slots;
    }

    /// <summary>The scalar at a path of <see cref="FindAll"/>, if the document has one there holding PEM.</summary>
    public static PemSlot? Find(YamlNode root, string path) => FindAll(root).FirstOrDefault(s => s.Path == path);

    /// <summary>Walks the document keeping the way down as keys and indexes: a path is spelled only for the few scalars that hold PEM.</summary>
    private static void Visit(YamlNode node, List<(string? Key, int Index)> trail, List<PemSlot> slots)
    {
        switch (node)
        {
            case YamlScalarNode scalar when PemValue.TryParse(scalar.Value) is { } value:
                slots.Add(new PemSlot(PathOf(trail), scalar, value));
                break;
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    trail.Add(((key as YamlScalarNode)?.Value ?? string.Empty, 0));
                    Visit(child, trail, slots);
                    trail.RemoveAt(trail.Count - 1);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    trail.Add((null, i));
                    Visit(sequence.Children[i], trail, slots);
                    trail.RemoveAt(trail.Count - 1);
                }

                break;
        }
    }

    private static string PathOf(List<(string? Key, int Index)> trail)
    {
        var path = string.Empty;
        foreach (var (key, index) in trail)
        {
            path = key is null ? string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]") : YamlEquivalence.ChildPath(path, key);
        }

        return path;
    }
}
