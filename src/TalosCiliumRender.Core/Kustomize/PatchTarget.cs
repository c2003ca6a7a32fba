using System.Text;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A patch target: group, version, kind, name and namespace are regular expressions anchored at both ends (so a
/// plain value matches exactly), as in kustomize; label and annotation selectors use the Kubernetes selector
/// syntax. Unset parts match everything.
/// </summary>
internal sealed class PatchTarget
{
    private readonly Regex? _group;
    private readonly Regex? _version;
    private readonly Regex? _kind;
    private readonly Regex? _name;
    private readonly Regex? _namespace;
    private readonly LabelSelector? _labels;
    private readonly LabelSelector? _annotations;

    private PatchTarget(string? group, string? version, string? kind, string? name, string? ns, string? labelSelector, string? annotationSelector, Regex?[] patterns, LabelSelector? labels, LabelSelector? annotations)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Name = name;
        Namespace = ns;
        LabelSelectorText = labelSelector;
        AnnotationSelectorText = annotationSelector;
        (_group, _version, _kind, _name, _namespace) = (patterns[0], patterns[1], patterns[2], patterns[3], patterns[4]);
        _labels = labels;
        _annotations = annotations;
    }

    public string? Group { get; }

    public string? Version { get; }

    public string? Kind { get; }

    public string? Name { get; }

    public string? Namespace { get; }

    public string? LabelSelectorText { get; }

    public string? AnnotationSelectorText { get; }

    /// <summary>Builds a target, compiling its patterns; <paramref name="describe"/> names the patch for messages.</summary>
    /// <exception cref="DiagnosticException">TCR2066 for an invalid regular expression or selector.</exception>
    public static PatchTarget Create(string? group, string? version, string? kind, string? name, string? ns, string? labelSelector, string? annotationSelector, SourceLocation location, string describe)
    {
        return new PatchTarget(
            Blank(group), Blank(version), Blank(kind), Blank(name), Blank(ns), Blank(labelSelector), Blank(annotationSelector),
            [Compile(Blank(group), "group"), Compile(Blank(version), "version"), Compile(Blank(kind), "kind"), Compile(Blank(name), "name"), Compile(Blank(ns), "namespace")],
            ParseSelector(Blank(labelSelector), "labelSelector"),
            ParseSelector(Blank(annotationSelector), "annotationSelector"));

        Regex? Compile(string? pattern, string field)
        {
            if (pattern is null)
            {
                return null;
            }

            try
            {
                return new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw DiagnosticCatalog.TargetSelectorInvalid.Exception(location, describe, $"{field} '{pattern}' is not a valid regular expression ({e.Message})");
            }
        }

        LabelSelector? ParseSelector(string? text, string field)
        {
            if (text is null)
            {
                return null;
            }

            try
            {
                return LabelSelector.Parse(text);
            }
            catch (FormatException e)
            {
                throw DiagnosticCatalog.TargetSelectorInvalid.Exception(location, describe, $"{field} '{text}' is not a valid selector: {e.Message}");
            }
        }
    }

    /// <summary>kustomize's Select: namespace and name may match the original or the current id.</summary>
    public bool Matches(KubeResource resource)
    {
        var current = resource.CurrentId;
        var original = resource.OriginalId;
        if (_namespace is not null && !_namespace.IsMatch(original.EffectiveNamespace) && !_namespace.IsMatch(current.EffectiveNamespace))
        {
            return false;
        }

        if (_name is not null && !_name.IsMatch(original.Name) && !_name.IsMatch(current.Name))
        {
            return false;
        }

        if ((_group is not null && !_group.IsMatch(current.Group)) || (_version is not null && !_version.IsMatch(current.Version)) || (_kind is not null && !_kind.IsMatch(current.Kind)))
        {
            return false;
        }

        return (_labels is null || _labels.Matches(MetadataMap(resource.Root, "labels")))
            && (_annotations is null || _annotations.Matches(MetadataMap(resource.Root, "annotations")));
    }

    public override string ToString()
    {
        var parts = new StringBuilder();
        Append("group", Group);
        Append("version", Version);
        Append("kind", Kind);
        Append("name", Name);
        Append("namespace", Namespace);
        Append("labelSelector", LabelSelectorText);
        Append("annotationSelector", AnnotationSelectorText);
        return parts.Length == 0 ? "{}" : parts.ToString();

        void Append(string key, string? value)
        {
            if (value is not null)
            {
                parts.Append(parts.Length == 0 ? string.Empty : ", ").Append(key).Append('=').Append(value);
            }
        }
    }

    private static Dictionary<string, string> MetadataMap(YamlMappingNode root, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.GetPath("metadata", field) is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } k })
                {
                    result[k] = (value as YamlScalarNode)?.Value ?? string.Empty;
                }
            }
        }

        return result;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
