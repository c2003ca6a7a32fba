using System.Text;
using System.Text.RegularExpressions;

namespace TalosCiliumRender.Core.Pem;

/// <summary>A YAML scalar value that holds PEM blocks, plainly or base64-encoded.</summary>
/// <param name="Form">How the scalar carries the PEM text.</param>
/// <param name="Text">The PEM text (decoded when <see cref="Form"/> is base64).</param>
/// <param name="Blocks">The blocks in <see cref="Text"/>, in order.</param>
internal sealed partial record PemValue(PemForm Form, string Text, IReadOnlyList<PemBlock> Blocks)
{
    // base64 of "-----BEGIN", the fixed start of every base64-encoded PEM text.
    private const string Base64Begin = "LS0tLS1CRUdJT";

    /// <summary>Reads a scalar value of either form, telling them apart by content; null when it holds no PEM block.</summary>
    public static PemValue? TryParse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return WithBlocks(PemForm.Plain, value);
        }

        return value.AsSpan().Trim().StartsWith(Base64Begin, StringComparison.Ordinal) ? TryParse(value, PemForm.Base64) : null;
    }

    /// <summary>
    /// Reads a scalar value whose form the place decides (a Secret's <c>data</c> is base64, its <c>stringData</c>
    /// plain); null when it holds no PEM block.
    /// </summary>
    public static PemValue? TryParse(string? value, PemForm form) =>
        Decode(value, form) is { } text ? WithBlocks(form, text) : null;

    /// <summary>
    /// The text a scalar value carries in a form, whole PEM blocks or not; null when it is empty, or base64 that does
    /// not decode to UTF-8 text.
    /// </summary>
    public static string? Decode(string? value, PemForm form)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (form == PemForm.Plain)
        {
            return value;
        }

        var compact = WhiteSpace().Replace(value, string.Empty);
        var buffer = new byte[compact.Length];
        if (!Convert.TryFromBase64String(compact, buffer, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when a text has a private key's PEM boundary lines, whole block or not: lint flags damaged keys, and legacy
    /// encrypted ones whose headers <see cref="TryParse(string?, PemForm)"/> does not read as a block, too.
    /// </summary>
    public static bool MentionsPrivateKey(string text) =>
        text.Contains("-----BEGIN ", StringComparison.Ordinal) && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    /// <summary>The scalar value for this PEM text in this value's encoding.</summary>
    public string Encode(string text) => Form == PemForm.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text;

    /// <summary>The PEM text with some blocks replaced by other block text.</summary>
    /// <param name="replacement">Returns the text to put in place of a block, or null to keep it.</param>
    public string Replace(Func<PemBlock, string?> replacement)
    {
        var builder = new StringBuilder(Text.Length);
        var position = 0;
        foreach (var block in Blocks)
        {
            builder.Append(Text, position, block.Start - position);
            builder.Append(replacement(block) ?? Text.Substring(block.Start, block.Length));
            position = block.Start + block.Length;
        }

        builder.Append(Text, position, Text.Length - position);
        return builder.ToString();
    }

    /// <summary>The exact text of a block, from <c>-----BEGIN</c> to the end of its <c>-----END</c> line.</summary>
    public string TextOf(PemBlock block) => Text.Substring(block.Start, block.Length);

    private static PemValue? WithBlocks(PemForm form, string text)
    {
        var blocks = Block().Matches(text)
            .Select(m => new PemBlock(m.Groups["label"].Value, WhiteSpace().Replace(m.Groups["body"].Value, string.Empty), m.Index, m.Length))
            .ToArray();
        return blocks.Length == 0 ? null : new PemValue(form, text, blocks);
    }

    [GeneratedRegex(@"-----BEGIN (?<label>[A-Z0-9 ]+)-----\s*(?<body>[A-Za-z0-9+/=\s]*?)\s*-----END \k<label>-----")]
    private static partial Regex Block();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
