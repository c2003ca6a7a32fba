using System.Text.Json;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>What a chart's own files say about the values it reads; computed once per chart digest (see <see cref="ChartValuesCache"/>).</summary>
/// <remarks>
/// The schema is fetched only when asked for: a render checks its types only against values the user set, and for
/// Cilium the schema is two thirds of what the cache keeps of a chart.
/// </remarks>
internal sealed class ChartValuesModel
{
    private readonly Func<CancellationToken, Task<string?>> _schema;

    /// <summary>A model with its schema at hand (an analysis).</summary>
    /// <param name="keys">The keys the chart can read.</param>
    /// <param name="schemaJson">The chart's <c>values.schema.json</c>, when it has one.</param>
    public ChartValuesModel(ChartValueKeys keys, string? schemaJson)
        : this(keys, schemaJson is not null, _ => Task.FromResult(schemaJson))
    {
    }

    /// <summary>A model whose schema is read when first asked for (a cache record).</summary>
    /// <param name="keys">The keys the chart can read.</param>
    /// <param name="hasSchema">Whether the chart has a <c>values.schema.json</c>.</param>
    /// <param name="schema">Reads it.</param>
    public ChartValuesModel(ChartValueKeys keys, bool hasSchema, Func<CancellationToken, Task<string?>> schema)
    {
        Keys = keys;
        HasSchema = hasSchema;
        _schema = schema;
    }

    /// <summary>The keys the chart can read.</summary>
    public ChartValueKeys Keys { get; }

    /// <summary>Whether the chart has a <c>values.schema.json</c>.</summary>
    public bool HasSchema { get; }

    /// <summary>The chart's <c>values.schema.json</c>, or <see langword="null"/> when it has none.</summary>
    public Task<string?> SchemaJsonAsync(CancellationToken cancellationToken) => HasSchema ? _schema(cancellationToken) : Task.FromResult<string?>(null);
}

/// <summary>
/// Finds the keys a chart can read from the chart alone: its <c>values.yaml</c> (keys and the keys it documents in
/// comments), its <c>values.schema.json</c>, and what its templates read (<see cref="TemplateValueReads"/>), including
/// template text kept in <c>values.yaml</c> for <c>tpl</c>.
/// </summary>
internal static class ChartValuesAnalyzer
{
    private const int MaxSchemaDepth = 256;

    /// <summary>Analyses a chart's files.</summary>
    /// <param name="files">The chart's templates, values.yaml and schema.</param>
    /// <returns>The model.</returns>
    public static ChartValuesModel Analyze(ChartSourceFiles files)
    {
        var known = new List<IReadOnlyList<string>>();
        var freeForm = new List<IReadOnlyList<string>>();
        var templates = new Dictionary<string, string>(files.Templates, StringComparer.Ordinal);

        // Files a template may hand to tpl read values as templates do; analysing them all is the safe side.
        foreach (var (path, text) in files.TemplatedFiles)
        {
            templates["files:" + path] = text;
        }

        if (files.ValuesYaml is { } valuesYaml)
        {
            if (ReadValues(valuesYaml) is { } defaults)
            {
                AddValueKeys(defaults, known, templates);
            }

            known.AddRange(CommentedValueKeys.Find(valuesYaml));
        }

        if (files.ValuesSchema is { } schema)
        {
            AddSchemaKeys(schema, known, freeForm);
        }

        // A subchart reads its own values under its name, and 'global' is shared with it: both are the subchart's to check.
        var subcharts = files.Templates.Keys
            .Select(p => p.Split('/'))
            .Where(s => s.Length > 3 && s[1] == "charts")
            .Select(s => s[2])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (var subchart in subcharts)
        {
            freeForm.Add([subchart]);
        }

        if (subcharts.Length > 0)
        {
            freeForm.Add(["global"]);
        }

        var (reads, free) = TemplateValueReads.Analyze(templates);
        known.AddRange(reads.Select(Split));
        freeForm.AddRange(free.Select(Split));
        return new ChartValuesModel(ChartValueKeys.Build(known, freeForm), files.ValuesSchema);
    }

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(TemplateValueReads.Separator);

    private static YamlMappingNode? ReadValues(string text)
    {
        try
        {
            return YamlReader.ReadSingleMapping(text, "values.yaml", "Chart values file");
        }
        catch (DiagnosticException)
        {
            // helm rejects a chart whose values.yaml it cannot read; the render reports that.
            return null;
        }
    }

    /// <summary>Every mapping key of the chart's defaults (not inside lists), and template text in string values.</summary>
    private static void AddValueKeys(YamlMappingNode defaults, List<IReadOnlyList<string>> known, Dictionary<string, string> templates)
    {
        var pending = new Stack<(YamlNode Node, string[] Path)>();
        pending.Push((defaults, []));
        var textCount = 0;
        while (pending.Count > 0)
        {
            var (node, path) = pending.Pop();
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        if (key is YamlScalarNode { Value: { } name })
                        {
                            string[] child = [.. path, name];
                            known.Add(child);
                            pending.Push((value, child));
                        }
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        pending.Push((item, path));
                    }

                    break;
                case YamlScalarNode { Value: { } text } when text.Contains("{{", StringComparison.Ordinal):
                    templates["values.yaml#" + textCount++.ToString(System.Globalization.CultureInfo.InvariantCulture)] = text;
                    break;
            }
        }
    }

    /// <summary>Properties named by the schema are readable; an object it leaves open (no properties, or additional/pattern properties) is free-form.</summary>
    private static void AddSchemaKeys(string schema, List<IReadOnlyList<string>> known, List<IReadOnlyList<string>> freeForm)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = MaxSchemaDepth, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return; // helm rejects such a schema itself
        }

        using (document)
        {
            var pending = new Stack<(JsonElement Schema, string[] Path)>();
            pending.Push((document.RootElement, []));
            var visited = 0;
            while (pending.Count > 0 && visited++ < 200_000)
            {
                var (node, path) = pending.Pop();
                if (node.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var hasProperties = false;
                if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    hasProperties = true;
                    foreach (var property in properties.EnumerateObject())
                    {
                        string[] child = [.. path, property.Name];
                        known.Add(child);
                        pending.Push((property.Value, child));
                    }
                }

                foreach (var combinator in (string[])["anyOf", "oneOf", "allOf"])
                {
                    if (node.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var branch in branches.EnumerateArray())
                        {
                            pending.Push((branch, path));
                        }
                    }
                }

                var open = node.TryGetProperty("patternProperties", out _)
                    || (node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind is JsonValueKind.Object or JsonValueKind.True)
                    || (!hasProperties && IsObjectType(node));
                if (open && path.Length > 0)
                {
                    freeForm.Add(path);
                }
            }
        }
    }

    private static bool IsObjectType(JsonElement schema) =>
        schema.TryGetProperty("type", out var type)
        && (type.ValueKind == JsonValueKind.String ? type.GetString() == "object"
            : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "object"));
}
