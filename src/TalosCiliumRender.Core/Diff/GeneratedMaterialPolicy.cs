using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Diff;

/// <summary>
/// How the diff compares material a chart generates anew on every render, such as certificates and keys from sprig's
/// <c>genCA</c>: which values of a rendered Secret's <c>data</c> an existing value stands in for. Those are left out
/// of the comparison; everything else is compared by YAML meaning.
/// </summary>
/// <remarks>
/// The diff knows no certificate, clock or carry-over rule: whoever compares a fresh render supplies them (Stability's
/// allowance); two committed manifests are compared <see cref="Exact"/>ly.
/// </remarks>
internal abstract class GeneratedMaterialPolicy
{
    /// <summary>Every value compared exactly: nothing stands in for anything.</summary>
    public static GeneratedMaterialPolicy Exact { get; } = new ExactComparison();

    /// <summary>The keys of <paramref name="renderedData"/> whose values <paramref name="existingData"/>'s values under the same keys stand in for; empty to compare every value.</summary>
    /// <param name="rendered">The rendered Secret.</param>
    /// <param name="renderedData">Its <c>data</c>.</param>
    /// <param name="existingData">The <c>data</c> of the same Secret in the existing manifest.</param>
    public abstract IReadOnlyList<YamlScalarNode> StandIns(ManifestDocument rendered, YamlMappingNode renderedData, YamlMappingNode existingData);

    private sealed class ExactComparison : GeneratedMaterialPolicy
    {
        public override IReadOnlyList<YamlScalarNode> StandIns(ManifestDocument rendered, YamlMappingNode renderedData, YamlMappingNode existingData) => [];
    }
}
