using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>One YAML document of a manifest stream, with the comments that headed it.</summary>
/// <param name="Root">The document's content; a mapping for every Kubernetes object.</param>
/// <param name="HeaderComments">Comment lines before the content, without the leading <c>#</c> and one space (helm's <c>Source: …</c>).</param>
/// <param name="Origin">The file the document came from, for diagnostics; <see langword="null"/> for generated documents.</param>
internal sealed record ManifestDocument(YamlNode Root, IReadOnlyList<string> HeaderComments, string? Origin = null)
{
    /// <summary>The template helm rendered this document from, read from its <c># Source:</c> comment.</summary>
    public string? SourceTemplate =>
        HeaderComments.Select(c => c.StartsWith("Source: ", StringComparison.Ordinal) ? c["Source: ".Length..] : null)
            .FirstOrDefault(s => s is not null);

    public YamlMappingNode? Mapping => Root as YamlMappingNode;

    public static ManifestDocument FromNode(YamlNode root) => new(root, []);
}
