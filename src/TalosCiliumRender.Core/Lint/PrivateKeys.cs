using System.Text;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>Finds PEM private keys in a Secret. Reports key names only, never the material.</summary>
internal static class PrivateKeys
{
    /// <summary>The data and stringData keys of a Secret whose values hold a PEM private key.</summary>
    public static IEnumerable<string> In(YamlMappingNode secret)
    {
        foreach (var (field, decode) in new (string, bool)[] { ("data", true), ("stringData", false) })
        {
            if (secret.Get(field) is not YamlMappingNode values)
            {
                continue;
            }

            foreach (var (key, value) in values.Children)
            {
                if (value is YamlScalarNode { Value: { } text } && IsPrivateKey(decode ? Decode(text) : text))
                {
                    yield return (key as YamlScalarNode)?.Value ?? "?";
                }
            }
        }
    }

    private static bool IsPrivateKey(string? text) =>
        text is not null
        && text.Contains("-----BEGIN ", StringComparison.Ordinal)
        && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.ASCII.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
