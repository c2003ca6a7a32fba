namespace TalosCiliumRender.Core.Patching;

/// <summary>An object type of the Kubernetes schema, reduced to the fields strategic merge needs.</summary>
internal sealed class SchemaType
{
    private readonly Dictionary<string, PatchField> _fields;
    private readonly PatchField? _mapValues;

    public SchemaType(string name, IEnumerable<PatchField> fields)
    {
        Name = name;
        _fields = new Dictionary<string, PatchField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name == MapValuesField)
            {
                _mapValues = field;
            }
            else
            {
                _fields[field.Name] = field;
            }
        }
    }

    /// <summary>The field name that stands for every key of a map type (OpenAPI <c>additionalProperties</c>).</summary>
    public const string MapValuesField = "*";

    /// <summary>The OpenAPI definition name, such as <c>io.k8s.api.core.v1.PodSpec</c>.</summary>
    public string Name { get; }

    /// <summary>The field, or for a map type the shared description of its values; <see langword="null"/> when the schema says nothing.</summary>
    public PatchField? Field(string name) =>
        _fields.TryGetValue(name, out var field) ? field : _mapValues is null ? null : _mapValues with { Name = name };

    public override string ToString() => Name;
}
