namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// The key a user probably meant when they set one the chart does not read: a sibling a typo or two away (case,
/// a transposed, missing, extra or wrong letter), a sibling the key was renamed to (<c>clusterPoolIPv4PodCIDR</c> →
/// <c>clusterPoolIPv4PodCIDRList</c>), or the same key under another parent (a key moved in a new minor).
/// </summary>
internal static class KeySuggestion
{
    /// <summary>The suggested full path of the key meant, or null when nothing is close enough to be a good guess.</summary>
    /// <param name="keys">What the chart reads.</param>
    /// <param name="path">The user's path, ending with the key the chart does not read (its parent is readable).</param>
    /// <param name="below">The keys the user set below that key, if it holds a map: a candidate that has them is preferred.</param>
    /// <returns>The dotted path.</returns>
    public static string? Suggest(ChartValueKeys keys, IReadOnlyList<string> path, IReadOnlyList<string> below)
    {
        var parentPath = path.Take(path.Count - 1).ToArray();
        var parent = keys.Find(parentPath);
        if (parent is null || parent.FreeForm)
        {
            return null;
        }

        var typed = path[^1];
        var sibling = BestSibling(parent, typed, below);
        if (sibling is { Distance: <= 1 })
        {
            return string.Join('.', [.. parentPath, sibling.Value.Key]);
        }

        if (Moved(keys, parentPath, typed, below) is { } moved)
        {
            return moved;
        }

        return sibling is { } near ? string.Join('.', [.. parentPath, near.Key]) : null;
    }

    private static (string Key, int Distance)? BestSibling(ChartValueKeys.Node parent, string typed, IReadOnlyList<string> below)
    {
        (string Key, int Distance, int Exact, bool RestFound)? best = null;
        var lowered = typed.ToLowerInvariant();
        var limit = typed.Length <= 4 ? 1 : typed.Length <= 8 ? 2 : 3;
        foreach (var (key, node) in parent.Children)
        {
            var candidate = key.ToLowerInvariant();
            var distance = Distance(lowered, candidate);
            if (distance > limit && !IsRename(lowered, candidate))
            {
                continue;
            }

            var exact = Distance(typed, key);
            var restFound = below.Count > 0 && Holds(node, below);
            var better = best is not { } b
                || distance < b.Distance
                || (distance == b.Distance && (restFound && !b.RestFound
                    || (restFound == b.RestFound && (exact < b.Exact || (exact == b.Exact && string.CompareOrdinal(key, b.Key) < 0)))));
            if (better)
            {
                best = (key, distance, exact, restFound);
            }
        }

        return best is { } found ? (found.Key, found.Distance) : null;
    }

    /// <summary>One name extends the other (<c>tunnel</c>/<c>tunnelProtocol</c>, <c>…PodCIDR</c>/<c>…PodCIDRList</c>): a rename that kept the old name as a prefix.</summary>
    private static bool IsRename(string typed, string candidate) =>
        Math.Min(typed.Length, candidate.Length) >= 5
        && (candidate.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(candidate, StringComparison.Ordinal));

    /// <summary>The same key under another parent, preferring one that holds the keys set below it and shares most of the path.</summary>
    private static string? Moved(ChartValueKeys keys, string[] parentPath, string typed, IReadOnlyList<string> below)
    {
        IReadOnlyList<string>? best = null;
        var bestScore = int.MinValue;
        foreach (var candidate in keys.Paths())
        {
            if (!string.Equals(candidate[^1], typed, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A key moved within its part of the chart (same parent name somewhere on the way), or a top-level key moved
            // one level down; the same leaf name under an unrelated parent (an 'interface' or 'enabled' of another
            // component) is no hint.
            var related = parentPath.Length == 0 ? candidate.Count == 2 : candidate.Take(candidate.Count - 1).Any(parentPath.Contains);
            var node = related ? keys.Find(candidate) : null;
            if (node is null || (below.Count > 0 && !Holds(node, below)))
            {
                continue;
            }

            // Keys shared with the user's path first, then shorter paths.
            var score = (candidate.Take(candidate.Count - 1).Count(parentPath.Contains) * 100) - candidate.Count;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        return best is null ? null : string.Join('.', best);
    }

    /// <summary>True when every one of <paramref name="keys"/> is readable directly below <paramref name="node"/>.</summary>
    private static bool Holds(ChartValueKeys.Node node, IReadOnlyList<string> keys) =>
        node.FreeForm || keys.All(node.Children.ContainsKey);

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 8)
        {
            return int.MaxValue / 2;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
