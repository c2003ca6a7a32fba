namespace TalosCiliumRender.Core.Yaml;

/// <summary>Whose refinements of libyaml's style choice an emitter reproduces.</summary>
internal enum EmitterRules
{
    /// <summary>libyaml as go-yaml ports it: kustomize's output.</summary>
    LibYaml,

    /// <summary>
    /// YamlDotNet's port: it double-quotes rather than escape a single quote, never writes an empty untagged scalar
    /// plain, and refuses a block scalar for a line of only spaces (and for the empty value) rather than for a space before a break.
    /// </summary>
    YamlDotNet,
}
