namespace TalosCiliumRender.Core.Helm;

/// <summary>A located helm executable and the version it reported.</summary>
/// <param name="Path">Full path of the executable.</param>
/// <param name="VersionText">What <c>helm version --short</c> printed, e.g. <c>v3.17.3+ge4da497</c>.</param>
/// <param name="Version">The parsed major.minor.patch.</param>
internal sealed record HelmTool(string Path, string VersionText, Version Version)
{
    /// <summary>3 or 4; flags that differ between helm majors switch on this.</summary>
    public int Major => Version.Major;
}
