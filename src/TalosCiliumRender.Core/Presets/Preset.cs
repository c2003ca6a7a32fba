using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Presets;

/// <summary>A named base layer of values, chosen per Cilium version.</summary>
/// <param name="Name">What users type (<c>--preset talos</c>).</param>
/// <param name="Description">One line for help texts and the README.</param>
/// <param name="UsesKubePrism">Whether the KubePrism endpoint options mean anything for this preset.</param>
/// <param name="BuildValues">The values for a Cilium version and KubePrism endpoint; null when the version is not supported.</param>
internal sealed record Preset(
    string Name,
    string Description,
    bool UsesKubePrism,
    Func<Version, KubePrismEndpoint, YamlMappingNode?> BuildValues);
