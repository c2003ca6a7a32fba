using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Pem;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6008: a Secret holds a PEM private key in plain text (base64 is not encryption).</summary>
internal sealed class PlainTextPrivateKeyRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintPlainTextPrivateKey;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        foreach (var (index, secret) in context.OfKind("Secret"))
        {
            var keys = KeysHoldingPrivateKeys(secret).ToArray();
            if (keys.Length > 0)
            {
                yield return new LintFinding(index, $"{LintContext.Describe(secret)} ({string.Join(", ", keys)})");
            }
        }
    }

    /// <summary>The data and stringData keys of a Secret whose values hold a PEM private key. Names only, never the material.</summary>
    public static IEnumerable<string> KeysHoldingPrivateKeys(YamlMappingNode secret)
    {
        foreach (var (field, form) in new (string, PemForm)[] { ("data", PemForm.Base64), ("stringData", PemForm.Plain) })
        {
            if (secret.Get(field) is not YamlMappingNode values)
            {
                continue;
            }

            foreach (var (key, value) in values.Children)
            {
                if (value is YamlScalarNode { Value: { } text } && PemValue.Decode(text, form) is { } pem && PemValue.MentionsPrivateKey(pem))
                {
                    yield return (key as YamlScalarNode)?.Value ?? "?";
                }
            }
        }
    }
}
