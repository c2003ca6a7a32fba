using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Tests.Infrastructure;

/// <summary>
/// A structural validator for objects against a CustomResourceDefinition's <c>openAPIV3Schema</c>, as the API server
/// checks them: <c>type</c> (plain scalars resolved as Kubernetes' YAML reader, go-yaml v2, resolves them: YAML 1.1
/// booleans included), <c>required</c>, <c>properties</c> (an unknown field is an error unless
/// <c>x-kubernetes-preserve-unknown-fields</c> keeps it, where the API server would prune it silently),
/// <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>pattern</c>, <c>minLength</c>/<c>maxLength</c> and
/// <c>x-kubernetes-int-or-string</c>. <c>metadata</c> is the API server's own and checked only for being a mapping.
/// CEL rules (<c>x-kubernetes-validations</c>) are not evaluated; tests assert the ones that matter themselves.
/// </summary>
internal sealed class CrdSchemaValidator
{
    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9]*|0[0-7]+|0x[0-9a-fA-F]+|0o[0-7]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> Booleans = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"];
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];

    private readonly Dictionary<(string ApiVersion, string Kind), YamlMappingNode> _schemas = new();

    /// <summary>Reads every version's schema of every CRD file given.</summary>
    public CrdSchemaValidator(params string[] crdFiles)
    {
        foreach (var file in crdFiles)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                var root = (YamlMappingNode)document.RootNode;
                var spec = (YamlMappingNode)root["spec"];
                var group = Text(spec["group"]);
                var kind = Text(((YamlMappingNode)spec["names"])["kind"]);
                foreach (var version in ((YamlSequenceNode)spec["versions"]).Children.Cast<YamlMappingNode>())
                {
                    var schema = (YamlMappingNode)((YamlMappingNode)version["schema"])["openAPIV3Schema"];
                    _schemas[($"{group}/{Text(version["name"])}", kind)] = schema;
                }
            }
        }
    }

    /// <summary>Every problem of every document of <paramref name="yaml"/>, as <c>Kind/name: path: problem</c>; empty when all are valid.</summary>
    public IReadOnlyList<string> Validate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var problems = new List<string>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var apiVersion = Text(root["apiVersion"]);
            var kind = Text(root["kind"]);
            if (!_schemas.TryGetValue((apiVersion, kind), out var schema))
            {
                problems.Add($"{apiVersion} {kind}: no CRD schema for it");
                continue;
            }

            var errors = new List<string>();
            Check(root, schema, string.Empty, errors, isRoot: true);
            var name = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) && m is YamlMappingNode metadata && metadata.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? Text(n) : "?";
            problems.AddRange(errors.Select(e => $"{kind}/{name}: {e}"));
        }

        return problems;
    }

    private static void Check(YamlNode node, YamlMappingNode schema, string path, List<string> errors, bool isRoot = false)
    {
        var where = path.Length == 0 ? "(root)" : path;
        var type = Get(schema, "type") is { } t ? Text(t) : null;
        var intOrString = Get(schema, "x-kubernetes-int-or-string") is { } ios && Text(ios) == "true";
        var preserve = Get(schema, "x-kubernetes-preserve-unknown-fields") is { } p && Text(p) == "true";

        if (node is YamlScalarNode scalar)
        {
            var actual = Resolve(scalar);
            if (actual == "null")
            {
                if (!(Get(schema, "nullable") is { } nullable && Text(nullable) == "true"))
                {
                    errors.Add($"{where}: null is not allowed (no nullable: true)");
                }

                return;
            }

            var ok = intOrString ? actual is "integer" or "string"
                : type switch
                {
                    null => preserve,
                    "number" => actual is "integer" or "number",
                    _ => actual == type,
                };
            if (!ok)
            {
                errors.Add($"{where}: a {actual} ('{scalar.Value}') where the schema wants {(intOrString ? "integer or string" : type ?? "a mapping or list")}");
                return;
            }

            if (Get(schema, "enum") is YamlSequenceNode values && !values.Children.Any(v => Text(v) == scalar.Value))
            {
                errors.Add($"{where}: '{scalar.Value}' is not one of {string.Join(", ", values.Children.Select(Text))}");
            }

            if (actual == "string")
            {
                var value = scalar.Value ?? string.Empty;
                if (Get(schema, "pattern") is { } pattern && !Regex.IsMatch(value, Text(pattern), RegexOptions.CultureInvariant))
                {
                    errors.Add($"{where}: '{value}' does not match {Text(pattern)}");
                }

                if (Get(schema, "maxLength") is { } max && value.Length > int.Parse(Text(max), CultureInfo.InvariantCulture))
                {
                    errors.Add($"{where}: longer than {Text(max)}");
                }

                if (Get(schema, "minLength") is { } min && value.Length < int.Parse(Text(min), CultureInfo.InvariantCulture))
                {
                    errors.Add($"{where}: shorter than {Text(min)}");
                }
            }

            return;
        }

        if (node is YamlSequenceNode sequence)
        {
            if (type != "array" && !(type is null && preserve))
            {
                errors.Add($"{where}: a list where the schema wants {type ?? "a scalar"}");
                return;
            }

            if (Get(schema, "items") is YamlMappingNode items)
            {
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Check(sequence.Children[i], items, $"{path}[{i}]", errors);
                }
            }

            return;
        }

        var mapping = (YamlMappingNode)node;
        if (type != "object" && !(type is null && preserve))
        {
            errors.Add($"{where}: a mapping where the schema wants {type ?? "a scalar"}");
            return;
        }

        if (Get(schema, "required") is YamlSequenceNode required)
        {
            foreach (var field in required.Children.Select(Text))
            {
                if (!mapping.Children.ContainsKey(new YamlScalarNode(field)))
                {
                    errors.Add($"{where}: required field '{field}' is missing");
                }
            }
        }

        var properties = Get(schema, "properties") as YamlMappingNode;
        var additional = Get(schema, "additionalProperties");
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Text(keyNode);
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (isRoot && key == "metadata")
            {
                if (value is not YamlMappingNode)
                {
                    errors.Add("metadata: not a mapping");
                }

                continue;
            }

            if (properties is not null && Get(properties, key) is YamlMappingNode property)
            {
                Check(value, property, childPath, errors);
            }
            else if (additional is YamlMappingNode additionalSchema)
            {
                Check(value, additionalSchema, childPath, errors);
            }
            else if (additional is YamlScalarNode { Value: "true" } || preserve)
            {
                // Kept as it is.
            }
            else
            {
                errors.Add($"{childPath}: unknown field (the API server would drop it)");
            }
        }
    }

    /// <summary>The JSON type a scalar has for Kubernetes' YAML reader (go-yaml v2: YAML 1.1 resolution of plain scalars).</summary>
    private static string Resolve(YamlScalarNode scalar)
    {
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return "string";
        }

        var value = scalar.Value ?? string.Empty;
        return Nulls.Contains(value) ? "null"
            : Booleans.Contains(value) ? "boolean"
            : IntPattern.IsMatch(value) ? "integer"
            : FloatPattern.IsMatch(value) ? "number"
            : "string";
    }

    private static YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? string.Empty;
}
