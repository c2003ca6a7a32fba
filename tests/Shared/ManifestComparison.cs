using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// Compares manifest streams as parsed documents, in order, apart from the PEM material of Secrets the chart
/// generates anew on every render (Hubble certificates made with <c>genCA</c>/<c>genSignedCert</c>).
/// </summary>
internal static class ManifestComparison
{
    public const string MaskedPem = "<generated PEM>";

    public static IReadOnlyList<ManifestDocument> ParseMasked(string yaml)
    {
        var documents = YamlReader.ReadDocuments(yaml, "manifest");
        foreach (var document in documents)
        {
            MaskGeneratedPem(document.Root);
        }

        return documents;
    }

    /// <summary>Describes every difference, or returns an empty list when the streams match.</summary>
    public static IReadOnlyList<string> Differences(string expectedYaml, string actualYaml)
    {
        var expected = ParseMasked(expectedYaml);
        var actual = ParseMasked(actualYaml);
        var differences = new List<string>();
        var expectedIds = expected.Select(Id).ToArray();
        var actualIds = actual.Select(Id).ToArray();
        if (!expectedIds.SequenceEqual(actualIds))
        {
            differences.Add($"documents differ:\n  expected: {string.Join(", ", expectedIds)}\n  actual:   {string.Join(", ", actualIds)}");
            return differences;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            differences.AddRange(YamlEquivalence.Differences(expected[i].Root, actual[i].Root).Select(path => $"{expectedIds[i]}: {path}"));
        }

        return differences;
    }

    public static string Id(ManifestDocument document)
    {
        var map = document.Root as YamlMappingNode;
        var metadata = map?.Get("metadata") as YamlMappingNode;
        return $"{map?.GetString("kind")}/{metadata?.GetString("namespace")}/{metadata?.GetString("name")}";
    }

    public static IEnumerable<YamlMappingNode> OfKind(IEnumerable<ManifestDocument> documents, string kind) =>
        documents.Select(d => d.Root).OfType<YamlMappingNode>().Where(m => m.GetString("kind") == kind);

    public static YamlMappingNode? Find(IEnumerable<ManifestDocument> documents, string kind, string name) =>
        OfKind(documents, kind).FirstOrDefault(m => (m.Get("metadata") as YamlMappingNode)?.GetString("name") == name);

    private static void MaskGeneratedPem(YamlNode root)
    {
        if (root is not YamlMappingNode map || map.GetString("kind") != "Secret" || map.Get("data") is not YamlMappingNode data)
        {
            return;
        }

        foreach (var key in data.Children.Keys.ToArray())
        {
            if (data.Children[key] is YamlScalarNode { Value: { } value } && IsPem(value))
            {
                data.Children[key] = new YamlScalarNode(MaskedPem);
            }
        }
    }

    private static bool IsPem(string base64)
    {
        try
        {
            return Encoding.ASCII.GetString(Convert.FromBase64String(base64.Trim())).StartsWith("-----BEGIN ", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
