namespace TalosCiliumRender.Core.Helm;

/// <summary>The inputs of one <c>helm template</c> run; everything that shapes the output is explicit.</summary>
/// <param name="ReleaseName">The release name templates see as <c>.Release.Name</c>.</param>
/// <param name="ChartPath">A chart .tgz or folder on disk (never a repository reference: resolution happens first).</param>
/// <param name="Namespace">The namespace templates see as <c>.Release.Namespace</c>.</param>
/// <param name="ValuesFile">The merged values file.</param>
/// <param name="KubeVersion">Kubernetes version for <c>.Capabilities.KubeVersion</c>, so output does not depend on a cluster.</param>
/// <param name="ApiVersions">Extra API versions for <c>.Capabilities.APIVersions</c>, each passed as its own flag.</param>
internal sealed record HelmTemplateArguments(
    string ReleaseName,
    string ChartPath,
    string Namespace,
    string ValuesFile,
    string KubeVersion,
    IReadOnlyList<string> ApiVersions)
{
    /// <summary>The argument list, one element per argument; never joined into a shell string.</summary>
    public IReadOnlyList<string> ToArgumentList()
    {
        var arguments = new List<string>(10 + (2 * ApiVersions.Count))
        {
            "template", ReleaseName, ChartPath,
            "--namespace", Namespace,
            "--values", ValuesFile,
            "--kube-version", KubeVersion,
        };
        foreach (var apiVersion in ApiVersions)
        {
            arguments.Add("--api-versions");
            arguments.Add(apiVersion);
        }

        return arguments;
    }
}
