using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// Compares manifest streams as parsed documents: in order, apart from the PEM material of Secrets the chart
/// generates anew on every render (Hubble certificates made with <c>genCA</c>/<c>genSignedCert</c>); or, for the
/// kustomize corpus, as trees matched by identity (<see cref="TreeDifferences"/>).
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

    /// <summary><c>apiVersion/kind/namespace/name</c>, empty where a part is missing.</summary>
    public static string Id(ManifestDocument document)
    {
        var id = ObjectIdentity.From(document);
        return $"{id.ApiVersion}/{id.Kind}/{id.Namespace}/{id.Name}";
    }

    /// <summary>
    /// Differences as the corpus README prescribes, as readable lines (empty when the streams match): empty
    /// documents dropped, documents matched by <see cref="Id"/>, maps unordered, lists ordered, scalars by resolved type.
    /// </summary>
    public static IReadOnlyList<string> TreeDifferences(string expectedYaml, string actualYaml)
    {
        var expected = Identified(expectedYaml);
        var actual = Identified(actualYaml);
        var problems = new List<string>();
        foreach (var duplicate in actual.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate document {duplicate.Key}");
        }

        var actualById = actual.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Root);
        var expectedIds = expected.Select(d => d.Id).ToHashSet();
        problems.AddRange(expected.Where(d => !actualById.ContainsKey(d.Id)).Select(d => $"missing document {d.Id}"));
        problems.AddRange(actual.Where(d => !expectedIds.Contains(d.Id)).Select(d => $"extra document {d.Id}"));
        foreach (var (id, root) in expected)
        {
            if (actualById.TryGetValue(id, out var other))
            {
                problems.AddRange(YamlEquivalence.Differences(root, other, limit: 10).Select(path => $"{id}: differs at {path}"));
            }
        }

        return problems;
    }

    /// <summary>The <see cref="Id"/> of every document, in stream order.</summary>
    public static IReadOnlyList<string> Order(string yaml) => Identified(yaml).Select(d => d.Id).ToList();

    private static IReadOnlyList<(string Id, YamlNode Root)> Identified(string yaml) =>
        YamlReader.ReadDocuments(yaml, "stream").Select(d => (Id(d), d.Root)).ToList();

    public static IEnumerable<YamlMappingNode> OfKind(IEnumerable<ManifestDocument> documents, string kind) =>
        documents.Select(d => d.Root).OfType<YamlMappingNode>().Where(m => ObjectIdentity.From(m).Kind == kind);

    public static YamlMappingNode? Find(IEnumerable<ManifestDocument> documents, string kind, string name) =>
        OfKind(documents, kind).FirstOrDefault(m => ObjectIdentity.From(m).Name == name);

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
