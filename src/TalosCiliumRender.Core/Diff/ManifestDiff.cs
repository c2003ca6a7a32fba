using System.Globalization;
using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Diff;

/// <summary>
/// Compares an existing manifest with a fresh render, resource by resource. Resources are matched by apiVersion,
/// kind, namespace and name (document order does not matter); their content is compared by YAML meaning, so
/// formatting and comments do not count.
/// </summary>
/// <remarks>
/// Certificates and keys the chart generates anew on every render would make every comparison of a fresh render fail;
/// which generated values an existing value stands in for is the caller's <see cref="GeneratedMaterialPolicy"/>.
/// </remarks>
internal static class ManifestDiff
{
    /// <summary>Most resources and paths per resource spelled out in a message; the rest are counted.</summary>
    private const int MessageResourceLimit = 50;
    private const int MessagePathLimit = 10;

    /// <summary>The resources that differ: first those of the render (in its order), then those only in the existing file.</summary>
    /// <param name="existing">The documents of the existing file.</param>
    /// <param name="rendered">The documents of the fresh render.</param>
    /// <param name="policy">
    /// How generated material compares: <see cref="GeneratedMaterialPolicy.Exact"/> for two files that were both
    /// committed, Stability's allowance for a fresh render.
    /// </param>
    public static IReadOnlyList<ResourceDifference> Compare(
        IReadOnlyList<ManifestDocument> existing, IReadOnlyList<ManifestDocument> rendered, GeneratedMaterialPolicy policy)
    {
        var existingById = Index(existing);
        var renderedById = Index(rendered);
        var differences = new List<ResourceDifference>();

        foreach (var (id, documents) in renderedById)
        {
            existingById.TryGetValue(id, out var counterparts);
            for (var i = 0; i < documents.Count; i++)
            {
                if (counterparts is null || i >= counterparts.Count)
                {
                    differences.Add(new ResourceDifference(ResourceChange.Added, id, []));
                    continue;
                }

                var paths = ContentDifferences(counterparts[i], documents[i], policy);
                if (paths.Count > 0)
                {
                    differences.Add(new ResourceDifference(ResourceChange.Changed, id, paths));
                }
            }
        }

        foreach (var (id, documents) in existingById)
        {
            var renderedCount = renderedById.TryGetValue(id, out var matches) ? matches.Count : 0;
            for (var i = renderedCount; i < documents.Count; i++)
            {
                differences.Add(new ResourceDifference(ResourceChange.Removed, id, []));
            }
        }

        return differences;
    }

    /// <summary>The differences as message lines (<c>\n  changed …</c>), capped so a wholesale change stays readable.</summary>
    public static string Describe(IReadOnlyList<ResourceDifference> differences)
    {
        var builder = new StringBuilder();
        foreach (var difference in differences.Take(MessageResourceLimit))
        {
            var shown = difference with { Paths = [.. difference.Paths.Take(MessagePathLimit)] };
            builder.Append("\n  ").Append(shown);
            if (difference.Paths.Count > MessagePathLimit)
            {
                builder.Append(CultureInfo.InvariantCulture, $" and {difference.Paths.Count - MessagePathLimit} more");
            }
        }

        if (differences.Count > MessageResourceLimit)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\n  … and {differences.Count - MessageResourceLimit} more resources");
        }

        return builder.ToString();
    }

    /// <summary>The identity of a document; documents without a name are identified by their position.</summary>
    public static ResourceIdentity Identify(ManifestDocument document, int position)
    {
        var id = ObjectIdentity.From(document);
        return new ResourceIdentity(
            id.ApiVersion ?? string.Empty,
            id.Kind ?? string.Empty,
            id.Namespace,
            id.Name ?? string.Create(CultureInfo.InvariantCulture, $"#{position}"));
    }

    private static Dictionary<ResourceIdentity, List<ManifestDocument>> Index(IReadOnlyList<ManifestDocument> documents)
    {
        // Insertion-ordered in practice (no removals), which keeps the report in document order.
        var index = new Dictionary<ResourceIdentity, List<ManifestDocument>>();
        for (var i = 0; i < documents.Count; i++)
        {
            var id = Identify(documents[i], i + 1);
            if (!index.TryGetValue(id, out var list))
            {
                index[id] = list = [];
            }

            list.Add(documents[i]);
        }

        return index;
    }

    private static IReadOnlyList<string> ContentDifferences(ManifestDocument existing, ManifestDocument rendered, GeneratedMaterialPolicy policy)
    {
        if (rendered.Root is YamlMappingNode renderedMap && existing.Root is YamlMappingNode existingMap
            && renderedMap.GetString("kind") == "Secret"
            && renderedMap.Get("data") is YamlMappingNode renderedData && existingMap.Get("data") is YamlMappingNode existingData
            && policy.StandIns(rendered, renderedData, existingData) is { Count: > 0 } generated)
        {
            // Compare copies without the generated values, which the policy found equivalent.
            var left = YamlNodes.DeepClone(existingMap);
            var right = YamlNodes.DeepClone(renderedMap);
            foreach (var key in generated)
            {
                ((YamlMappingNode)left.Get("data")!).Children.Remove(key);
                ((YamlMappingNode)right.Get("data")!).Children.Remove(key);
            }

            return [.. YamlEquivalence.Differences(left, right)];
        }

        return [.. YamlEquivalence.Differences(existing.Root, rendered.Root)];
    }
}
