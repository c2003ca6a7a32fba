namespace TalosCiliumRender.Core.Helm;

/// <summary>The inputs of one <c>helm template</c> run; everything that shapes the output is explicit.</summary>
/// <param name="ReleaseName">The release name templates see as <c>.Release.Name</c>.</param>
/// <param name="ChartPath">A chart .tgz or folder on disk (never a repository reference: resolution happens first).</param>
/// <param name="Namespace">The namespace templates see as <c>.Release.Namespace</c>.</param>
/// <param name="ValuesYaml">The merged values, as YAML; <see cref="HelmCli"/> hands them to helm in a file of its own.</param>
/// <param name="KubeVersion">Kubernetes version for <c>.Capabilities.KubeVersion</c>, so output does not depend on a cluster.</param>
/// <param name="ApiVersions">Extra API versions for <c>.Capabilities.APIVersions</c>, each passed as its own flag.</param>
internal sealed record HelmTemplateArguments(
    string ReleaseName,
    string ChartPath,
    string Namespace,
    string ValuesYaml,
    string KubeVersion,
    IReadOnlyList<string> ApiVersions)
{
    /// <summary>The argument list, one element per argument; never joined into a shell string.</summary>
    /// <param name="valuesFile">The file that holds <see cref="ValuesYaml"/>.</param>
    public IReadOnlyList<string> ToArgumentList(string valuesFile)
    {
        var arguments = new List<string>(10 + (2 * ApiVersions.Count))
        {
            "template", ReleaseName, ChartPath,
            "--namespace", Namespace,
            "--values", valuesFile,
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
