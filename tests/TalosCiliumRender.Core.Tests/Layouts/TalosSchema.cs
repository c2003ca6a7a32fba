using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Layouts;

/// <summary>The Talos machine-config JSON Schemas from ../shared/talos, and YAML-to-JSON conversion for them.</summary>
internal static class TalosSchema
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>Schema violations of one complete document (empty when it validates against one entry of the oneOf).</summary>
    public static IReadOnlyList<string> Violations(string talosVersion, YamlNode document)
    {
        var schema = Schemas.GetOrAdd(talosVersion, v => new Lazy<JsonSchema>(() =>
        {
            var path = Path.Combine(TestPaths.Shared, "talos", $"config.schema.v{v}.json");
            return JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        })).Value;

        using var json = JsonDocument.Parse(ToJson(document)!.ToJsonString());
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        // The top-level oneOf fails for every entry; keep the messages of the entry for the document's kind.
        var kind = (document as YamlMappingNode)?.GetString("kind") ?? "v1alpha1.Config";
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 } && d.EvaluationPath.ToString().Contains(kind, StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))
            .DefaultIfEmpty("invalid (no details for kind " + kind + ")")
            .Take(20)
            .ToArray();
    }

    /// <summary>A YAML tree as JSON, with scalars typed as a YAML 1.2 reader (Talos' go-yaml v3) types them.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => GoYamlDialect.Canonical(scalar) switch
        {
            (GoYamlDialect.Kind.Null, _) => null,
            (GoYamlDialect.Kind.Bool, var value) => JsonValue.Create(value == "true"),
            (GoYamlDialect.Kind.Int, var value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            (GoYamlDialect.Kind.Float, var value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
            (_, var value) => JsonValue.Create(value),
        },
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
