using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// One object flowing through the build. Transformers change <see cref="Root"/> in place; the id the object had
/// when it was loaded stays available because kustomize matches patches by either id.
/// </summary>
internal sealed class KubeResource(YamlMappingNode root, IReadOnlyList<string> headerComments, string origin)
{
    public YamlMappingNode Root { get; set; } = root;

    public ResourceId OriginalId { get; init; } = ResourceId.Of(root);

    /// <summary>Comments that headed the document (helm's <c># Source:</c>), kept for the renderer's output.</summary>
    public IReadOnlyList<string> HeaderComments { get; } = headerComments;

    /// <summary>The file the object came from, as shown to the user.</summary>
    public string Origin { get; } = origin;

    public ResourceId CurrentId => ResourceId.Of(Root);

    /// <summary>
    /// True once a JSON 6902 patch has changed the object: kustomize patches a JSON copy, so from then on every
    /// scalar has its JSON text (<c>~</c> is <c>null</c>, <c>0x1F</c> is <c>31</c>), which shows in annotations.
    /// </summary>
    public bool JsonPatched { get; set; }

    /// <summary>True when either id matches, as kustomize's GetMatchingResourcesByAnyId.</summary>
    public bool MatchesAnyId(ResourceId id) => OriginalId.Matches(id) || CurrentId.Matches(id);
}
