using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>
/// A chart's <c>values.schema.json</c>, read only for the JSON types it gives values, so a value of the wrong type is
/// reported with its file position before helm runs (helm's own schema error names neither).
/// </summary>
/// <remarks>
/// <para>
/// The overriding rule is: no false positives. A place is reported only when helm (3.17 with gojsonschema, 4.1 with
/// santhosh-tekuri/jsonschema v6; both checked) certainly rejects it. So only <c>type</c>, <c>properties</c>,
/// <c>additionalProperties</c> (as the schema of keys not in <c>properties</c>, never to call a key unknown), a single
/// <c>items</c> schema, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>, string <c>enum</c>s and local <c>$ref</c> pointers are
/// read. Every other keyword only adds constraints (<c>not</c>, <c>if</c>, <c>minimum</c>...), so leaving it out
/// can only miss a rejection; the keywords that change what a modelled one covers are honoured by reading less:
/// with <c>patternProperties</c>, <c>additionalProperties</c> is not applied; with <c>prefixItems</c> or an array
/// <c>items</c>, items are not checked; beside <c>$ref</c>, nothing else (draft-07 ignores it, both helms too).
/// Anything not understood (an unknown type name, a <c>false</c> schema, a remote <c>$ref</c>) accepts everything.
/// </para>
/// <para>
/// Values are typed as helm sees them: its values files go through go-yaml v2 (YAML 1.1) and JSON, so plain
/// <c>yes</c> is a boolean and every number becomes a float64, which JSON writes without a fraction when it is
/// integral: <c>1.0</c>, <c>1e3</c> and <c>!!float 2</c> are integers to both helms; <c>1.5</c> is only a number.
/// <c>--set</c> trees (<see cref="SetValueParser"/>) build their scalars through <see cref="ScalarFactory"/>, plain
/// for its ints, booleans and null and quoted for any string another reader could retype, so they read the same way.
/// Nulls are never reported: helm drops a key set to null when it has a default.
/// </para>
/// </remarks>
internal sealed class ValuesSchema
{
    /// <summary>A schema nested deeper than this is not used; Cilium's nests 24 levels.</summary>
    private const int MaxJsonDepth = 256;

    /// <summary>Larger schema texts are not used (Cilium's is about 150 KB); the same bound as every YAML input.</summary>
    private const int MaxJsonChars = YamlLimits.MaxFileBytes;

    /// <summary>How deep one check may nest (values levels plus <c>$ref</c> and composition hops); deeper accepts.</summary>
    private const int MaxCheckDepth = 256;

    /// <summary>Schema visits one check may make: composition over recursive <c>$ref</c>s can grow exponentially.</summary>
    private const int MaxVisits = 200_000;

    private readonly SchemaNode _root;
    private readonly IReadOnlyDictionary<string, SchemaNode> _byPointer;

    private ValuesSchema(string json, SchemaNode root, IReadOnlyDictionary<string, SchemaNode> byPointer)
    {
        Json = json;
        _root = root;
        _byPointer = byPointer;
    }

    [Flags]
    private enum JsonTypes
    {
        None = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        String = 32,
        Integer = 64,
    }

    /// <summary>The JSON type of a value as helm's validators see it; Unknown is never reported.</summary>
    private enum ValueKind
    {
        Unknown,
        Null,
        Boolean,
        Integer,
        Number,
        String,
        Object,
        Array,
    }

    /// <summary>The schema text as given (the caller caches it per chart digest).</summary>
    public string Json { get; }

    /// <summary>The schema, or null when the text is not a usable JSON schema object. Never throws on bad input.</summary>
    public static ValuesSchema? TryParse(string json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > MaxJsonChars)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var byPointer = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            var root = Compile(document.RootElement, "#", foreignBase: false, byPointer);
            return new ValuesSchema(json, root, byPointer);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            return null;
        }
    }

    /// <summary>Every place in <paramref name="values"/> whose type the schema certainly rejects, in document order.</summary>
    public IReadOnlyList<ValueTypeMismatch> Check(YamlMappingNode values)
    {
        var run = new Run(this);
        var found = run.Evaluate(_root, values, Facts(values), 0) ?? [];
        var result = new List<ValueTypeMismatch>(found.Count);
        var seen = new Dictionary<YamlNode, List<string[]>>(ReferenceEqualityComparer.Instance);
        foreach (var finding in found)
        {
            // allOf branches find one place once each; a node reached by two paths (a tree built in code) is two places.
            if (!seen.TryGetValue(finding.Node, out var paths))
            {
                seen[finding.Node] = paths = [];
            }

            if (!paths.Any(p => p.AsSpan().SequenceEqual(finding.Path)))
            {
                paths.Add(finding.Path);
                result.Add(new ValueTypeMismatch(finding.Path, finding.Node, finding.Expected, finding.Actual));
            }
        }

        return result;
    }

    private static SchemaNode Compile(JsonElement element, string pointer, bool foreignBase, Dictionary<string, SchemaNode> byPointer)
    {
        // Schemas nest no deeper than MaxJsonDepth, yet a host may give a small stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (element.ValueKind != JsonValueKind.Object)
        {
            // true, false and anything malformed: nothing this checker reports.
            var nothing = SchemaNode.AcceptsAll;
            byPointer[pointer] = nothing;
            return nothing;
        }

        JsonElement? type = null, properties = null, additional = null, items = null, allOf = null, anyOf = null, oneOf = null, enumValues = null;
        JsonElement? definitions = null, defs = null;
        string? reference = null;
        bool hasRef = false, hasPatternProperties = false, hasPrefixItems = false;

        // Repeated keywords: the last wins, as in Go's encoding/json maps both helms read schemas into.
        foreach (var keyword in element.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "type": type = keyword.Value; break;
                case "properties": properties = keyword.Value; break;
                case "additionalProperties": additional = keyword.Value; break;
                case "items": items = keyword.Value; break;
                case "allOf": allOf = keyword.Value; break;
                case "anyOf": anyOf = keyword.Value; break;
                case "oneOf": oneOf = keyword.Value; break;
                case "enum": enumValues = keyword.Value; break;
                case "definitions": definitions = keyword.Value; break;
                case "$defs": defs = keyword.Value; break;
                case "patternProperties": hasPatternProperties = true; break;
                case "prefixItems": hasPrefixItems = true; break;
                case "$ref":
                    hasRef = true;
                    reference = keyword.Value.ValueKind == JsonValueKind.String ? keyword.Value.GetString() : null;
                    break;
                case "$id" or "id" when pointer != "#":
                    // A new base URI: "#/definitions/x" below here means this resource's definitions, not the document's.
                    foreignBase = true;
                    break;
            }
        }

        // Definitions are compiled so pointers can reach them, whatever else the node says.
        CompileMembers(definitions, pointer + "/definitions", foreignBase, byPointer);
        CompileMembers(defs, pointer + "/$defs", foreignBase, byPointer);

        SchemaNode node;
        if (hasRef)
        {
            node = new SchemaNode { Ref = foreignBase ? null : LocalPointer(reference), RefOnly = true };
        }
        else
        {
            var propertySchemas = CompileMembers(properties, pointer + "/properties", foreignBase, byPointer);
            var additionalSchema = additional is { } a && !hasPatternProperties
                ? Compile(a, pointer + "/additionalProperties", foreignBase, byPointer)
                : null;
            var itemSchema = items is { ValueKind: JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False } i && !hasPrefixItems
                ? Compile(i, pointer + "/items", foreignBase, byPointer)
                : null;
            var (mask, names) = Types(type);
            node = new SchemaNode
            {
                Types = mask,
                TypeNames = names,
                Enum = Enum(enumValues),
                Properties = propertySchemas,
                AdditionalProperties = additionalSchema is { IsAcceptsAll: false } ? additionalSchema : null,
                Items = itemSchema is { IsAcceptsAll: false } ? itemSchema : null,
                AllOf = CompileList(allOf, pointer + "/allOf", foreignBase, byPointer),
                AnyOf = CompileList(anyOf, pointer + "/anyOf", foreignBase, byPointer),
                OneOf = CompileList(oneOf, pointer + "/oneOf", foreignBase, byPointer),
            };
        }

        byPointer[pointer] = node;
        return node;
    }

    private static Dictionary<string, SchemaNode>? CompileMembers(JsonElement? members, string pointer, bool foreignBase, Dictionary<string, SchemaNode> byPointer)
    {
        if (members is not { ValueKind: JsonValueKind.Object } map)
        {
            return null;
        }

        var result = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var member in map.EnumerateObject())
        {
            result[member.Name] = Compile(member.Value, pointer + "/" + EscapePointer(member.Name), foreignBase, byPointer);
        }

        return result;
    }

    private static SchemaNode[]? CompileList(JsonElement? list, string pointer, bool foreignBase, Dictionary<string, SchemaNode> byPointer)
    {
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var result = new SchemaNode[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[index] = Compile(item, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), foreignBase, byPointer);
            index++;
        }

        return result;
    }

    /// <summary>The allowed types and their names in the schema's order, or no check for anything but known type names.</summary>
    private static (JsonTypes? Mask, string[]? Names) Types(JsonElement? type)
    {
        if (type is not { } element)
        {
            return (null, null);
        }

        var names = element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                element.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToArray(),
            _ => Array.Empty<string>(),
        };
        var mask = JsonTypes.None;
        foreach (var name in names)
        {
            var bit = name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "string" => JsonTypes.String,
                "integer" => JsonTypes.Integer,
                _ => JsonTypes.None,
            };
            if (bit == JsonTypes.None)
            {
                // An unknown name ("any", a typo) is a schema error to helm, not a verdict on the value.
                return (null, null);
            }

            mask |= bit;
        }

        return names.Length > 0 ? (mask, names) : (null, null);
    }

    /// <summary>An enum of strings (and nulls, never reported); any other member makes equality less trivial, so it is ignored.</summary>
    private static string[]? Enum(JsonElement? values)
    {
        if (values is not { ValueKind: JsonValueKind.Array } array
            || !array.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            || !array.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String))
        {
            return null;
        }

        return array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
    }

    /// <summary>A <c>$ref</c> both helms resolve inside this document: <c>#</c> or a JSON pointer after it, in our pointer form.</summary>
    private static string? LocalPointer(string? reference) =>
        reference is not null && reference.StartsWith('#') && (reference.Length == 1 || reference[1] == '/')
        && !reference.Contains('%', StringComparison.Ordinal) // percent-decoding: leave it to helm
            ? reference
            : null;

    private static string EscapePointer(string name) =>
        name.Contains('~', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal)
            ? name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : name;

    /// <summary>What helm's validators see in a values node.</summary>
    private static (ValueKind Kind, string Actual) Facts(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode:
                return (ValueKind.Object, "a map");
            case YamlSequenceNode:
                return (ValueKind.Array, "a list");
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                var kind = ScalarKind(scalar, text);
                return (kind, kind switch
                {
                    ValueKind.Boolean => $"a boolean ({Shorten(text)})",
                    ValueKind.Integer => $"an integer ({Shorten(text)})",
                    ValueKind.Number => $"a number ({Shorten(text)})",
                    ValueKind.String => $"a string ({Quote(text)})",
                    _ => string.Empty,
                });
            default:
                return (ValueKind.Unknown, string.Empty);
        }
    }

    private static ValueKind ScalarKind(YamlScalarNode scalar, string text)
    {
        if (!scalar.Tag.IsEmpty)
        {
            // go-yaml v2 honours the standard tags whatever the style; a value the tag cannot carry fails in helm first.
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" => ValueKind.String,
                "tag:yaml.org,2002:null" => ValueKind.Null,
                "tag:yaml.org,2002:bool" => GoYamlDialect.Yaml11Bool(text) is null ? ValueKind.Unknown : ValueKind.Boolean,
                "tag:yaml.org,2002:int" => GoYamlDialect.ResolveV2(text) is BigInteger ? ValueKind.Integer : ValueKind.Unknown,
                "tag:yaml.org,2002:float" => GoYamlDialect.ResolveV2(text) switch
                {
                    BigInteger => ValueKind.Integer,
                    double d => NumberKind(d),
                    _ => ValueKind.Unknown,
                },
                _ => ValueKind.Unknown,
            };
        }

        if (!SigsYaml.IsUntaggedPlain(scalar))
        {
            return ValueKind.String;
        }

        if (text.Length > 0 && GoYamlDialect.IsInfinityOrNaN(text))
        {
            return ValueKind.Unknown; // go-yaml reads a float JSON cannot carry; helm fails reading the file
        }

        return GoYamlDialect.ResolveV2(text) switch
        {
            null => ValueKind.Null,
            bool => ValueKind.Boolean,
            BigInteger => ValueKind.Integer,
            double d when !double.IsFinite(d) => ValueKind.String, // 1e400: Go's ParseFloat fails, so go-yaml keeps the text
            double d => NumberKind(d),
            _ => ValueKind.String,
        };
    }

    /// <summary>helm holds every number as a float64; JSON writes an integral one without a fraction, an integer to both validators.</summary>
    private static ValueKind NumberKind(double value) =>
        !double.IsFinite(value) ? ValueKind.Unknown : Math.Floor(value) == value ? ValueKind.Integer : ValueKind.Number;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in Shorten(text))
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string JoinAlternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nothing",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    private static bool Allows(JsonTypes types, ValueKind kind) => kind switch
    {
        ValueKind.Null => (types & JsonTypes.Null) != 0,
        ValueKind.Boolean => (types & JsonTypes.Boolean) != 0,
        ValueKind.Integer => (types & (JsonTypes.Integer | JsonTypes.Number)) != 0,
        ValueKind.Number => (types & JsonTypes.Number) != 0,
        ValueKind.String => (types & JsonTypes.String) != 0,
        ValueKind.Object => (types & JsonTypes.Object) != 0,
        ValueKind.Array => (types & JsonTypes.Array) != 0,
        _ => true,
    };

    /// <summary>A map key as JSON has it, or null when it cannot be named for certain (merge keys, float and null keys, non-scalars).</summary>
    private static string? KeyName(YamlNode key)
    {
        if (key is not YamlScalarNode scalar)
        {
            return null;
        }

        var text = scalar.Value ?? string.Empty;
        if (!SigsYaml.IsUntaggedPlain(scalar))
        {
            return scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:str" ? text : null;
        }

        if (text == "<<")
        {
            return null; // go-yaml merges the mapping it names; what it brings is not checked
        }

        return GoYamlDialect.ResolveV2(text) switch
        {
            bool b => b ? "true" : "false",
            BigInteger i => i.ToString(CultureInfo.InvariantCulture),
            string s => s,
            _ => null,
        };
    }

    /// <summary>A compiled schema: immutable once built; <see cref="Ref"/> is looked up by pointer when used.</summary>
    private sealed class SchemaNode
    {
        public static readonly SchemaNode AcceptsAll = new();

        public bool IsAcceptsAll => ReferenceEquals(this, AcceptsAll);

        /// <summary>With <c>$ref</c>, only the target counts; a null pointer is a reference this checker cannot follow.</summary>
        public bool RefOnly { get; init; }

        public string? Ref { get; init; }

        public JsonTypes? Types { get; init; }

        public string[]? TypeNames { get; init; }

        public string[]? Enum { get; init; }

        public Dictionary<string, SchemaNode>? Properties { get; init; }

        public SchemaNode? AdditionalProperties { get; init; }

        public SchemaNode? Items { get; init; }

        public SchemaNode[]? AllOf { get; init; }

        public SchemaNode[]? AnyOf { get; init; }

        public SchemaNode[]? OneOf { get; init; }
    }

    /// <summary>A rejected place; <see cref="TypeNames"/> lets rejections by several alternatives merge into one list of types.</summary>
    private sealed record Finding(string[] Path, YamlNode Node, string Expected, string Actual, string[]? TypeNames);

    /// <summary>The state of one <see cref="Check"/>: the current path and the visit budget.</summary>
    private sealed class Run(ValuesSchema schema)
    {
        private readonly List<string> _path = [];
        private int _visits;

        /// <summary>The findings under <paramref name="value"/>, or null when the schema accepts it (or cannot say).</summary>
        public List<Finding>? Evaluate(SchemaNode node, YamlNode value, (ValueKind Kind, string Actual) facts, int depth)
        {
            if (node.IsAcceptsAll || facts.Kind is ValueKind.Null or ValueKind.Unknown)
            {
                return null;
            }

            // Out of budget, depth or stack: accepting only ever misses a rejection.
            if (++_visits > MaxVisits || depth > MaxCheckDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                return null;
            }

            if (node.RefOnly)
            {
                return node.Ref is { } pointer && schema._byPointer.TryGetValue(pointer, out var target)
                    ? Evaluate(target, value, facts, depth + 1)
                    : null;
            }

            if (node.Types is { } types && !Allows(types, facts.Kind))
            {
                return [new Finding([.. _path], value, JoinAlternatives(node.TypeNames!), facts.Actual, node.TypeNames)];
            }

            if (node.Enum is { } allowed && (facts.Kind != ValueKind.String || !allowed.Contains(((YamlScalarNode)value).Value ?? string.Empty, StringComparer.Ordinal)))
            {
                var expected = "one of " + string.Join(", ", allowed.Select(Quote));
                return [new Finding([.. _path], value, expected, facts.Actual, null)];
            }

            List<Finding>? found = null;
            if (value is YamlMappingNode map && (node.Properties is not null || node.AdditionalProperties is not null))
            {
                foreach (var (key, child) in map.Children)
                {
                    if (KeyName(key) is not { } name)
                    {
                        continue;
                    }

                    var childSchema = node.Properties?.GetValueOrDefault(name) ?? node.AdditionalProperties;
                    if (childSchema is null)
                    {
                        continue;
                    }

                    _path.Add(name);
                    Add(ref found, Evaluate(childSchema, child, Facts(child), depth + 1));
                    _path.RemoveAt(_path.Count - 1);
                }
            }

            if (value is YamlSequenceNode list && node.Items is { } items)
            {
                for (var i = 0; i < list.Children.Count; i++)
                {
                    _path.Add("[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                    Add(ref found, Evaluate(items, list.Children[i], Facts(list.Children[i]), depth + 1));
                    _path.RemoveAt(_path.Count - 1);
                }
            }

            foreach (var branch in node.AllOf ?? [])
            {
                Add(ref found, Evaluate(branch, value, facts, depth + 1));
            }

            // oneOf also rejects a value two branches take, which is not a matter of types: only "none takes it" is reported.
            Add(ref found, NoneTakes(node.AnyOf, value, facts, depth));
            Add(ref found, NoneTakes(node.OneOf, value, facts, depth));
            return found;
        }

        private static void Add(ref List<Finding>? found, List<Finding>? more)
        {
            if (more is { Count: > 0 })
            {
                (found ??= []).AddRange(more);
            }
        }

        /// <summary>
        /// The findings when every alternative rejects the value: those of the first that takes its type (the one the
        /// user most likely meant), else one finding at the value listing what the alternatives take.
        /// </summary>
        private List<Finding>? NoneTakes(SchemaNode[]? branches, YamlNode value, (ValueKind Kind, string Actual) facts, int depth)
        {
            if (branches is not { Length: > 0 })
            {
                return null;
            }

            var rejections = new List<List<Finding>>(branches.Length);
            foreach (var branch in branches)
            {
                if (Evaluate(branch, value, facts, depth + 1) is not { Count: > 0 } rejected)
                {
                    return null;
                }

                rejections.Add(rejected);
            }

            foreach (var rejection in rejections)
            {
                if (rejection is not [var only] || !ReferenceEquals(only.Node, value))
                {
                    return rejection;
                }
            }

            var firsts = rejections.Select(r => r[0]).ToArray();
            var names = firsts.All(f => f.TypeNames is not null)
                ? firsts.SelectMany(f => f.TypeNames!).Distinct(StringComparer.Ordinal).ToArray()
                : null;
            var expected = names is not null
                ? JoinAlternatives(names)
                : string.Join(" or ", firsts.Select(f => f.Expected).Distinct(StringComparer.Ordinal));
            return [new Finding([.. _path], value, expected, facts.Actual, names)];
        }
    }
}

/// <summary>A value whose type the chart's schema rejects.</summary>
/// <param name="Path">Keys from the values root; list indexes as <c>[3]</c>.</param>
/// <param name="Node">The offending node; its start mark gives the line and column.</param>
/// <param name="Expected">What the schema takes, such as <c>boolean</c>, <c>string or null</c>, <c>one of "a", "b"</c>.</param>
/// <param name="Actual">What the value is, such as <c>a string ("yes")</c>, <c>a map</c>, <c>an integer (3)</c>.</param>
internal sealed record ValueTypeMismatch(IReadOnlyList<string> Path, YamlNode Node, string Expected, string Actual);
