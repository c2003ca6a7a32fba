using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Patching;

/// <summary>One JSON 6902 operation, as read from a patch file.</summary>
/// <param name="Op">add, remove, replace, move, copy or test; as written, so a patch read the kustomize way may hold another word, or none (<see langword="null"/>).</param>
/// <param name="Path">The JSON pointer the operation changes or tests; <see langword="null"/> when absent.</param>
/// <param name="From">The JSON pointer move and copy read from; <see langword="null"/> for other operations.</param>
/// <param name="Value">The value of add, replace and test; <see langword="null"/> when absent (an explicit YAML null is a null scalar).</param>
/// <param name="Location">Where the operation is written, for diagnostics.</param>
internal sealed record JsonPatchOperation(string? Op, string? Path, string? From, YamlNode? Value, SourceLocation Location);
