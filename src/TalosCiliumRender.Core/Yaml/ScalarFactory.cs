using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// The one place scalars built in code get their style, so a string stays a string for every reader and
/// numbers and booleans stay what they are.
/// </summary>
internal static class ScalarFactory
{
    /// <summary>A string scalar: quoted when a YAML 1.1 or 1.2 reader would take it for another type, a literal block when multi-line.</summary>
    public static YamlScalarNode String(string value)
    {
        ScalarStyle style;
        // A tab at either end of a plain scalar is stripped by every reader (YamlDotNet writes it plain), and NEL, LS and
        // PS are line breaks to YAML 1.1 readers (helm's values file), so only double quotes (\N, \L, \P) keep them.
        if (value.AsSpan().IndexOfAny('\r', '\u0085') >= 0 || value.AsSpan().IndexOfAny('\u2028', '\u2029') >= 0 || GoYamlDialect.IsAmbiguousAsPlain(value)
            || (!value.Contains('\n', StringComparison.Ordinal) && (value.StartsWith('\t') || value.EndsWith('\t'))))
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else if (value.Contains('\n', StringComparison.Ordinal))
        {
            style = ScalarStyle.Literal;
        }
        else
        {
            style = ScalarStyle.Plain;
        }

        return new YamlScalarNode(value) { Style = style };
    }

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    public static YamlScalarNode Int(long value) =>
        new(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };
}
