using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>
/// Compares manifest streams as the corpus README prescribes: empty documents dropped, documents identified by
/// apiVersion/kind/namespace/name, trees compared with maps unordered, lists ordered and scalars by resolved type.
/// </summary>
internal static class ManifestComparison
{
    public static IReadOnlyList<(string Id, YamlNode Root)> Parse(string yaml) =>
        YamlReader.ReadDocuments(yaml, "stream").Select(d => (Identify(d.Root), d.Root)).ToList();

    public static string Identify(YamlNode root)
    {
        var map = root as YamlMappingNode;
        var metadata = map?.Get("metadata") as YamlMappingNode;
        return $"{map?.GetString("apiVersion")}/{map?.GetString("kind")}/{metadata?.GetString("namespace")}/{metadata?.GetString("name")}";
    }

    /// <summary>Differences as readable lines; empty when the streams match as trees.</summary>
    public static IReadOnlyList<string> TreeDifferences(string expectedYaml, string actualYaml)
    {
        var expected = Parse(expectedYaml);
        var actual = Parse(actualYaml);
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

    public static IReadOnlyList<string> Order(string yaml) => Parse(yaml).Select(d => d.Id).ToList();
}
