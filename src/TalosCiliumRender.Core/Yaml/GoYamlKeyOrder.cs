using System.Text;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// The order go-yaml v2 writes a Go map's keys in (its "natural" order), which kustomize's output shows because
/// every object passes through a map on its way out.
/// </summary>
internal static class GoYamlKeyOrder
{
    /// <summary>go-yaml v2's key order: runs of digits compare as numbers, letters sort after other characters.</summary>
    public static int Compare(string a, string b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }

            // Equal text before the first difference compares the same by runes or by chars; only a surrogate at
            // the difference needs runes (to classify the letter and order by code point).
            return char.IsSurrogate(a[i]) || char.IsSurrogate(b[i]) ? Compare(Runes(a), Runes(b)) : CompareAt(a, b, i);
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareAt(string a, string b, int i)
    {
        var al = char.IsLetter(a[i]);
        var bl = char.IsLetter(b[i]);
        if (al && bl)
        {
            return a[i].CompareTo(b[i]);
        }

        if (al || bl)
        {
            return bl ? -1 : 1;
        }

        long an = 0, bn = 0;
        if (a[i] == '0' || b[i] == '0')
        {
            for (var j = i - 1; j >= 0 && char.IsAsciiDigit(a[j]); j--)
            {
                if (a[j] != '0')
                {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }

        int ai, bi;
        for (ai = i; ai < a.Length && char.IsAsciiDigit(a[ai]); ai++)
        {
            an = (an * 10) + (a[ai] - '0');
        }

        for (bi = i; bi < b.Length && char.IsAsciiDigit(b[bi]); bi++)
        {
            bn = (bn * 10) + (b[bi] - '0');
        }

        if (an != bn)
        {
            return an.CompareTo(bn);
        }

        return ai != bi ? ai.CompareTo(bi) : a[i].CompareTo(b[i]);
    }

    private static int Compare(int[] ar, int[] br)
    {
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                continue;
            }

            var al = Rune.IsLetter(new Rune(ar[i]));
            var bl = Rune.IsLetter(new Rune(br[i]));
            if (al && bl)
            {
                return ar[i].CompareTo(br[i]);
            }

            if (al || bl)
            {
                return bl ? -1 : 1;
            }

            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0')
            {
                for (var j = i - 1; j >= 0 && IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            int ai, bi;
            for (ai = i; ai < ar.Length && IsDigit(ar[ai]); ai++)
            {
                an = (an * 10) + (ar[ai] - '0');
            }

            for (bi = i; bi < br.Length && IsDigit(br[bi]); bi++)
            {
                bn = (bn * 10) + (br[bi] - '0');
            }

            if (an != bn)
            {
                return an.CompareTo(bn);
            }

            return ai != bi ? ai.CompareTo(bi) : ar[i].CompareTo(br[i]);
        }

        return ar.Length.CompareTo(br.Length);

        static bool IsDigit(int c) => c is >= '0' and <= '9';
    }

    private static bool HasSurrogates(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int[] Runes(string text)
    {
        if (!HasSurrogates(text))
        {
            var chars = new int[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                chars[i] = text[i];
            }

            return chars;
        }

        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.Value);
        }

        return [.. result];
    }
}
