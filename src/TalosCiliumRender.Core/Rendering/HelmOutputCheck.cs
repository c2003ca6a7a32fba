using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Refuses a helm output that is not a manifest before anything else sees it: with GitOps pruning, an empty or
/// shapeless render written over the committed one would delete Cilium from the cluster. Only helm's own documents
/// are checked, before any kustomization, so a kustomization cannot hide a broken render.
/// </summary>
/// <remarks>
/// Every document must be a mapping with <c>apiVersion</c>, <c>kind</c> and <c>metadata.name</c>, as
/// <c>kubectl apply</c> requires. No Cilium chart in ../shared (1.17, 1.18, 1.19) renders a <c>List</c> or a
/// <c>generateName</c>-only object, so neither is allowed for. Empty documents (<c>---</c> alone, comments only)
/// were already dropped by <see cref="YamlReader"/>.
/// </remarks>
internal static class HelmOutputCheck
{
    /// <summary>Returns <paramref name="documents"/> when every one is a Kubernetes object and there is at least one.</summary>
    /// <exception cref="DiagnosticException">TCR1014 (no object), TCR1015 (a document that is not one).</exception>
    /// <param name="documents">helm's output, read.</param>
    /// <param name="helmOutput">helm's output as text.</param>
    /// <param name="chartName">The chart's name and version, for messages.</param>
    public static IReadOnlyList<ManifestDocument> Objects(IReadOnlyList<ManifestDocument> documents, string helmOutput, string chartName)
    {
        if (documents.Count == 0)
        {
            throw DiagnosticCatalog.HelmRenderedNothing.Exception(
                chartName, string.IsNullOrWhiteSpace(helmOutput) ? "its output was empty" : "its output held only comments and empty documents");
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (Problem(documents[i].Root) is { } problem)
            {
                var template = documents[i].SourceTemplate is { } source ? $" (template '{source}')" : string.Empty;
                throw DiagnosticCatalog.HelmDocumentNotObject.Exception((i + 1).ToString(CultureInfo.InvariantCulture), chartName, template, problem);
            }
        }

        return documents;
    }

    /// <summary>What keeps <paramref name="root"/> from being a Kubernetes object, or null.</summary>
    private static string? Problem(YamlNode root)
    {
        if (root is not YamlMappingNode map)
        {
            return $"it is a {YamlReader.Describe(root)}, not a mapping";
        }

        var id = ObjectIdentity.From(map);
        var missing = new List<string>(3);
        if (string.IsNullOrEmpty(id.ApiVersion))
        {
            missing.Add("apiVersion");
        }

        if (string.IsNullOrEmpty(id.Kind))
        {
            missing.Add("kind");
        }

        if (string.IsNullOrEmpty(id.Name))
        {
            missing.Add("metadata.name");
        }

        return missing.Count == 0 ? null : "it has no " + string.Join(", ", missing);
    }
}
