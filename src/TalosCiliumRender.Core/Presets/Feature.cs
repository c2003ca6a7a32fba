using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Presets;

/// <summary>An optional capability switched on by name, on top of the preset.</summary>
/// <param name="Name">What users type (<c>--feature hubble-ui</c>).</param>
/// <param name="Description">One line for help texts and the README.</param>
/// <param name="Values">Values the feature sets.</param>
/// <param name="ApiVersions">API versions helm must believe the cluster serves for the feature's templates to render.</param>
internal sealed record Feature(string Name, string Description, YamlMappingNode Values, IReadOnlyList<string> ApiVersions);
