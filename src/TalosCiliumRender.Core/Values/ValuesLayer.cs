using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>One source of values in a render, with what to call it in a message.</summary>
/// <param name="Origin">How a message names it: <c>values file 'values/prod.yaml'</c>, <c>--set 'a.b=1'</c>, <c>preset 'talos'</c>.</param>
/// <param name="File">The file as the user gave it, when the values come from one (its nodes carry line and column).</param>
/// <param name="Values">The values it sets.</param>
/// <param name="IsUsers">True for the user's own values (a values file, <c>--set</c>), false for the preset's and features'.</param>
internal sealed record ValuesLayer(string Origin, string? File, YamlMappingNode Values, bool IsUsers = true);
