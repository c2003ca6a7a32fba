namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// kustomize's field spec: where in objects of a kind a transformer writes. A path is slash-separated; a segment
/// ending in <c>[]</c> names a list, and any list met on the way is walked element by element.
/// </summary>
/// <param name="Path">Slash-separated path; <c>\/</c> escapes a slash inside a key.</param>
/// <param name="Create">Create missing maps (and the final field) on the way.</param>
/// <param name="Kind">Only objects of this kind; <see langword="null"/> for any.</param>
/// <param name="Group">Only this API group; <see langword="null"/> for any.</param>
/// <param name="Version">Only this API version; <see langword="null"/> for any.</param>
internal sealed record FieldSpec(string Path, bool Create, string? Kind = null, string? Group = null, string? Version = null)
{
    private string[]? _segments;

    public IReadOnlyList<string> Segments => _segments ??= Split(Path);

    public bool Applies(ResourceId id) =>
        (Kind is null || Kind == id.Kind) && (Group is null || Group == id.Group) && (Version is null || Version == id.Version);

    private static string[] Split(string path)
    {
        var raw = path.Split('/');
        var result = new List<string> { raw[0] };
        for (var i = 1; i < raw.Length; i++)
        {
            if (result[^1].EndsWith('\\'))
            {
                result[^1] = result[^1][..^1] + "/" + raw[i];
            }
            else
            {
                result.Add(raw[i]);
            }
        }

        return [.. result];
    }
}
