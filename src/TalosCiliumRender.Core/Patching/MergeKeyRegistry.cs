using System.Globalization;

namespace TalosCiliumRender.Core.Patching;

/// <summary>
/// Patch strategies and merge keys per Kubernetes type, from a table generated out of the Kubernetes OpenAPI
/// (<c>build/generate-merge-keys.py</c>). Lookups follow field types down any depth, so
/// <c>spec.template.spec.containers.ports</c> of a DaemonSet resolves to the ports of a container.
/// Kinds the table does not know (custom resources) have no schema: their maps merge and their lists are replaced.
/// </summary>
internal sealed class MergeKeyRegistry
{
    private const string ResourceName = "TalosCiliumRender.Core.Patching.merge-keys.tsv";

    /// <summary>How the table writes the value type of a map of objects (OpenAPI <c>additionalProperties</c>).</summary>
    private const string MapPrefix = "map:";

    private static readonly Lazy<MergeKeyRegistry> LazyKubernetes = new(LoadEmbedded);

    private readonly Dictionary<GroupVersionKind, string> _kinds;
    private readonly Dictionary<string, SchemaType> _types;

    private MergeKeyRegistry(Dictionary<GroupVersionKind, string> kinds, Dictionary<string, SchemaType> types)
    {
        _kinds = kinds;
        _types = types;
    }

    /// <summary>The Kubernetes API as kustomize 5.5 knows it (OpenAPI v1.21.2), loaded once.</summary>
    public static MergeKeyRegistry Kubernetes => LazyKubernetes.Value;

    /// <summary>A registry that knows no kind: every map merges and every list is replaced.</summary>
    public static MergeKeyRegistry Empty { get; } = new([], new Dictionary<string, SchemaType>(StringComparer.Ordinal));

    /// <summary>How many kinds the registry knows.</summary>
    public int KindCount => _kinds.Count;

    /// <summary>The schema type of a kind, or <see langword="null"/> for kinds the schema does not know (custom resources).</summary>
    public SchemaType? ForKind(GroupVersionKind gvk) =>
        _kinds.TryGetValue(gvk, out var name) ? Type(name) : null;

    /// <summary>A schema type by its OpenAPI definition name.</summary>
    public SchemaType? Type(string? name) =>
        name is not null && _types.TryGetValue(name, out var type) ? type : null;

    /// <summary>
    /// The field at a dotted path below a kind, such as <c>spec.template.spec.containers.ports</c>; list levels
    /// are implicit, and a <c>[]</c> suffix on a segment (<c>containers[].ports</c>) is accepted and ignored.
    /// </summary>
    /// <returns>The field, or <see langword="null"/> when the kind or any segment is unknown to the schema.</returns>
    public PatchField? Lookup(GroupVersionKind gvk, string fieldPath)
    {
        var type = ForKind(gvk);
        PatchField? field = null;
        foreach (var raw in fieldPath.Split('.'))
        {
            var segment = raw.EndsWith("[]", StringComparison.Ordinal) ? raw[..^2] : raw;
            if (type is null)
            {
                return null;
            }

            field = type.Field(segment);
            if (field is null)
            {
                return null;
            }

            type = Type(field.ValueType);
        }

        return field;
    }

    /// <summary>Reads a table in the format <c>build/generate-merge-keys.py</c> writes.</summary>
    /// <exception cref="FormatException">A row is malformed.</exception>
    public static MergeKeyRegistry Parse(TextReader reader)
    {
        var kinds = new Dictionary<GroupVersionKind, string>();
        var fields = new Dictionary<string, List<PatchField>>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            switch (columns)
            {
                case ["kind", var group, var version, var kind, var definition]:
                    kinds[new GroupVersionKind(Optional(group) ?? string.Empty, version, kind)] = definition;
                    if (!fields.ContainsKey(definition))
                    {
                        fields[definition] = [];
                    }

                    break;
                case ["field", var definition, var property, var valueType, var strategy, var mergeKey, var mapKeys]:
                    if (!fields.TryGetValue(definition, out var list))
                    {
                        fields[definition] = list = [];
                    }

                    list.Add(new PatchField(
                        property,
                        Optional(valueType),
                        ParseStrategy(strategy, lineNumber),
                        Optional(mergeKey),
                        Optional(mapKeys)?.Split(',') ?? []));
                    break;
                default:
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"merge-key table line {lineNumber}: unexpected row '{line}'."));
            }
        }

        var types = fields.ToDictionary(p => p.Key, p => new SchemaType(p.Key, p.Value), StringComparer.Ordinal);
        foreach (var mapType in fields.Values.SelectMany(f => f).Select(f => f.ValueType).Where(t => t?.StartsWith(MapPrefix, StringComparison.Ordinal) == true).Distinct())
        {
            // A map of objects is a type whose every key has the same value type.
            types[mapType!] = new SchemaType(mapType!, [new PatchField(SchemaType.MapValuesField, mapType![MapPrefix.Length..], PatchStrategy.None, null, [])]);
        }

        return new MergeKeyRegistry(kinds, types);
    }

    private static string? Optional(string column) => column == "-" ? null : column;

    private static PatchStrategy ParseStrategy(string column, int lineNumber)
    {
        var strategy = PatchStrategy.None;
        if (column == "-")
        {
            return strategy;
        }

        foreach (var part in column.Split(','))
        {
            strategy |= part switch
            {
                "merge" => PatchStrategy.Merge,
                "replace" => PatchStrategy.Replace,
                "retainKeys" => PatchStrategy.RetainKeys,
                _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"merge-key table line {lineNumber}: unknown patch strategy '{part}'.")),
            };
        }

        return strategy;
    }

    private static MergeKeyRegistry LoadEmbedded()
    {
        using var stream = typeof(MergeKeyRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing; the Core project must embed Patching/merge-keys.tsv.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
