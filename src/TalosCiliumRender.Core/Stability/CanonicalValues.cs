using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// A digest of a values tree that depends on its meaning only: mapping keys sorted, scalars by resolved type
/// and canonical value (<c>0x1F</c> = <c>31</c>, <c>True</c> = <c>true</c>), so the order of keys in a values
/// file, quoting style or comments never change it.
/// </summary>
internal static class CanonicalValues
{
    /// <summary><c>sha256:&lt;hex&gt;</c> of the canonical form.</summary>
    public static string Digest(YamlNode values)
    {
        var builder = new StringBuilder();
        Write(values, builder);
        return "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()))).ToLowerInvariant();
    }

    /// <summary>The canonical text: length-prefixed strings, so no value can imitate structure.</summary>
    public static string Text(YamlNode values)
    {
        var builder = new StringBuilder();
        Write(values, builder);
        return builder.ToString();
    }

    private static void Write(YamlNode node, StringBuilder builder)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var (kind, text) = GoYamlDialect.Canonical(scalar);
                builder.Append(kind switch
                {
                    GoYamlDialect.Kind.Null => 'n',
                    GoYamlDialect.Kind.Bool => 'b',
                    GoYamlDialect.Kind.Int => 'i',
                    GoYamlDialect.Kind.Float => 'f',
                    _ => 's',
                });
                builder.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                break;
            case YamlSequenceNode sequence:
                builder.Append('[');
                foreach (var child in sequence.Children)
                {
                    Write(child, builder);
                }

                builder.Append(']');
                break;
            case YamlMappingNode mapping:
                builder.Append('{');
                var entries = mapping.Children
                    .Select(e => (Key: Text(e.Key), e.Value))
                    .OrderBy(e => e.Key, StringComparer.Ordinal);
                foreach (var (key, value) in entries)
                {
                    builder.Append(key);
                    Write(value, builder);
                }

                builder.Append('}');
                break;
        }
    }
}
