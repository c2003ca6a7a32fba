using System.Globalization;
using System.Numerics;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>Typed reads of kustomization fields; a wrong shape is TCR2053 naming the field, file and position.</summary>
internal sealed class FieldReader(string file)
{
    public string File { get; } = file;

    public SourceLocation At(YamlNode node) => YamlReader.Locate(File, node.Start);

    public DiagnosticException Invalid(YamlNode node, string field, string why) =>
        DiagnosticCatalog.KustomizationFieldInvalid.Exception(At(node), field, File, why);

    /// <summary>
    /// A string, or <see langword="null"/> for an explicit null. Numbers and booleans are refused, as kustomize's
    /// typed decoding refuses them, and like kustomize this file is read as YAML 1.1: <c>yes</c> is a boolean.
    /// </summary>
    public string? String(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Invalid(node, field, $"must be a string, not a {YamlReader.Describe(node)}");
        }

        return Typed(scalar) switch
        {
            null => null,
            string text => text,
            var other => throw Invalid(node, field, $"'{scalar.Value}' is read as {Describe(other)}, not a string; quote it (\"{scalar.Value}\")"),
        };
    }

    public string RequiredString(YamlNode node, string field) =>
        String(node, field) is { Length: > 0 } value ? value : throw Invalid(node, field, "must be a non-empty string");

    /// <summary>
    /// Whether the value leaves its field at Go's zero value when kustomize decodes the file: an explicit null, or
    /// an empty string (which typed decoding only accepts in a string field). An empty list or mapping is set.
    /// </summary>
    public static bool IsUnset(YamlNode node) =>
        node is YamlScalarNode scalar && Typed(scalar) is null or "";

    public bool Bool(YamlNode node, string field) => node switch
    {
        YamlScalarNode scalar when Typed(scalar) is bool value => value,
        YamlScalarNode scalar when Typed(scalar) is null => false,
        _ => throw Invalid(node, field, "must be true or false"),
    };

    public long Int(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && Typed(scalar) is BigInteger value && value >= long.MinValue && value <= long.MaxValue)
        {
            return (long)value;
        }

        throw Invalid(node, field, "must be an integer");
    }

    /// <summary>The scalar's value as kustomize decodes its file: plain scalars by YAML 1.1, tagged and quoted ones as written.</summary>
    private static object? Typed(YamlScalarNode scalar)
    {
        if (SigsYaml.IsUntaggedPlain(scalar))
        {
            return GoYamlDialect.ResolveV2(scalar.Value ?? string.Empty);
        }

        var (kind, value) = GoYamlDialect.Canonical(scalar);
        return kind switch
        {
            GoYamlDialect.Kind.Null => null,
            GoYamlDialect.Kind.Bool => value == "true",
            GoYamlDialect.Kind.Int => BigInteger.Parse(value, CultureInfo.InvariantCulture),
            GoYamlDialect.Kind.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : value,
            _ => scalar.Value ?? string.Empty,
        };
    }

    private static string Describe(object value) => value switch
    {
        bool => "a boolean",
        BigInteger => "an integer",
        _ => "a number",
    };

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Invalid(node, field, $"must be a mapping, not a {YamlReader.Describe(node)}");

    public IReadOnlyList<YamlNode> List(YamlNode node, string field) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.ToList(),
        YamlScalarNode scalar when NodeText.IsNull(scalar) => [],
        _ => throw Invalid(node, field, $"must be a list, not a {YamlReader.Describe(node)}"),
    };

    /// <summary>A map of strings, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && NodeText.IsNull(scalar))
        {
            return [];
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Mapping(node, field).Children)
        {
            var name = String(key, field) ?? string.Empty;
            result.Add(new(name, String(value, $"{field}.{name}") ?? string.Empty));
        }

        return result;
    }
}
