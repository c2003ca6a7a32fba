using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Lint;

/// <summary>TCR6008: a Secret holds a PEM private key in plain text (base64 is not encryption).</summary>
internal sealed class PlainTextPrivateKeyRule : ILintRule
{
    public DiagnosticDescriptor Descriptor => DiagnosticCatalog.LintPlainTextPrivateKey;

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        foreach (var (index, secret) in context.OfKind("Secret"))
        {
            var keys = PrivateKeys.In(secret).ToArray();
            if (keys.Length > 0)
            {
                yield return new LintFinding(index, $"{LintContext.Describe(secret)} ({string.Join(", ", keys)})");
            }
        }
    }
}
