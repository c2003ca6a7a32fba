using System.Buffers;
using YamlDotNet.Core;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// libyaml's scalar analysis (yaml_emitter_analyze_scalar), which both emitters share: which styles can carry a
/// value unchanged, and from that the style an emitter actually writes for the style it was asked for.
/// </summary>
/// <param name="Multiline">The value holds a line break.</param>
/// <param name="BlockPlainAllowed">libyaml would write it plain in block context.</param>
/// <param name="SingleQuotedAllowed">libyaml would write it single-quoted.</param>
/// <param name="BlockAllowed">libyaml would write it as a literal or folded block.</param>
/// <param name="Empty">The value is empty.</param>
/// <param name="HasSingleQuotes">The value holds a single quote.</param>
/// <param name="TrailingSpace">The value ends in a space.</param>
/// <param name="SpaceOnlyLine">A line between two line breaks holds only spaces.</param>
internal readonly record struct ScalarAnalysis(
    bool Multiline,
    bool BlockPlainAllowed,
    bool SingleQuotedAllowed,
    bool BlockAllowed,
    bool Empty,
    bool HasSingleQuotes,
    bool TrailingSpace,
    bool SpaceOnlyLine)
{
    /// <summary>Every line break YAML 1.1 knows: CR, LF, NEL, LS and PS.</summary>
    public static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\u0085\u2028\u2029");

    /// <summary>Characters that can never make a plain scalar need quotes or another style, anywhere in it.</summary>
    private static readonly SearchValues<char> Ordinary = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-");

    public static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    /// <summary>libyaml's printable set: no C0/C1 controls (tab included), no surrogates, nothing beyond the BMP.</summary>
    public static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    public static ScalarAnalysis Of(string value)
    {
        if (value.Length == 0)
        {
            return new ScalarAnalysis(false, true, true, false, Empty: true, false, false, false);
        }

        // Names, versions, paths: a letter or digit first and nothing special after it allows every style.
        if (char.IsAsciiLetterOrDigit(value[0]) && !value.AsSpan().ContainsAnyExcept(Ordinary))
        {
            return new ScalarAnalysis(false, true, true, true, false, false, false, false);
        }

        bool blockIndicators = false, lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        bool spaceAfterBreak = false, spaceOnlyLine = false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        var followedByWhitespace = IsBlankOrEnd(value, 1);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':' or '-' when followedByWhitespace:
                        blockIndicators = true;
                        break;
                }
            }
            else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace))
            {
                blockIndicators = true;
            }

            if (!IsPrintable(c))
            {
                specialCharacters = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == value.Length - 1;
                if (previousBreak)
                {
                    breakSpace = true;
                    spaceAfterBreak = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == value.Length - 1;
                spaceBreak |= previousSpace;
                spaceOnlyLine |= spaceAfterBreak;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
                spaceAfterBreak = false;
            }

            precededByWhitespace = IsBlankOrEnd(value, i);
            followedByWhitespace = IsBlankOrEnd(value, i + 2);
        }

        var blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak
            || specialCharacters || lineBreaks || blockIndicators);
        var single = !(breakSpace || spaceBreak || specialCharacters);
        var block = !(trailingSpace || spaceBreak || specialCharacters);
        return new ScalarAnalysis(lineBreaks, blockPlain, single, block, false, value.Contains('\'', StringComparison.Ordinal), trailingSpace, spaceOnlyLine);
    }

    /// <summary>
    /// The style an untagged scalar is written in when <paramref name="requested"/> (plain, single- or double-quoted,
    /// or literal) is asked for: libyaml's yaml_emitter_select_scalar_style, with the refinements of <paramref name="rules"/>.
    /// </summary>
    public ScalarStyle SelectStyle(ScalarStyle requested, bool simpleKey, EmitterRules rules)
    {
        var yamlDotNet = rules == EmitterRules.YamlDotNet;
        var style = requested;
        if (simpleKey && Multiline)
        {
            style = ScalarStyle.DoubleQuoted;
        }

        if (style == ScalarStyle.Plain)
        {
            if (!BlockPlainAllowed || (yamlDotNet && Empty))
            {
                style = yamlDotNet && HasSingleQuotes ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
            }

            if (Empty && simpleKey)
            {
                style = ScalarStyle.SingleQuoted;
            }
        }

        if (style == ScalarStyle.SingleQuoted && !SingleQuotedAllowed)
        {
            style = ScalarStyle.DoubleQuoted;
        }

        var blockAllowed = yamlDotNet ? !(Empty || TrailingSpace || SpaceOnlyLine) : BlockAllowed;
        if (style == ScalarStyle.Literal && (!blockAllowed || simpleKey))
        {
            style = ScalarStyle.DoubleQuoted;
        }

        return style;
    }

    private static bool IsBlankOrEnd(string value, int i) => i >= value.Length || value[i] is ' ' or '\t' || IsBreak(value[i]);
}
