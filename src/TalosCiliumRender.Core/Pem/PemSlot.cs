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
        Visit(root, string.Empty, slots);
        return slots;
    }

    /// <summary>The scalar at a path of <see cref="FindAll"/>, if the document has one there holding PEM.</summary>
    public static PemSlot? Find(YamlNode root, string path) => FindAll(root).FirstOrDefault(s => s.Path == path);

    private static void Visit(YamlNode node, string path, List<PemSlot> slots)
    {
        switch (node)
        {
            case YamlScalarNode scalar when PemValue.TryParse(scalar.Value) is { } value:
                slots.Add(new PemSlot(path, scalar, value));
                break;
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    Visit(child, YamlEquivalence.ChildPath(path, (key as YamlScalarNode)?.Value ?? string.Empty), slots);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], $"{path}[{i}]", slots);
                }

                break;
        }
    }
}
