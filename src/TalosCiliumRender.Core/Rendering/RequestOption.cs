namespace TalosCiliumRender.Core.Rendering;

/// <summary>One option as both front ends name it.</summary>
/// <param name="What">What it is, for people: <c>the helm timeout in seconds</c>.</param>
/// <param name="Flag">The CLI option: <c>--timeout</c>.</param>
/// <param name="Metadata">The MSBuild item metadata (the property is <c>TalosCiliumRender</c> + this): <c>Timeout</c>.</param>
/// <param name="Takes">What a valid value is, completing "use …": <c>a whole number of seconds from 1 to 3600</c>.</param>
internal sealed record RequestOption(string What, string Flag, string Metadata, string Takes)
{
    /// <summary>The option in a core diagnostic, naming both spellings: <c>the helm timeout in seconds (--timeout, MSBuild: TalosCiliumRenderTimeout)</c>.</summary>
    public string Described => $"{What} ({Flag}, MSBuild: TalosCiliumRender{Metadata})";
}
