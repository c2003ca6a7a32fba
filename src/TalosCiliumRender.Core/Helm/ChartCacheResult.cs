using System.Diagnostics.CodeAnalysis;

namespace TalosCiliumRender.Core.Helm;

/// <summary>The outcome of a <see cref="ChartCache"/> operation: an entry, or the diagnostic saying why not.</summary>
internal sealed class ChartCacheResult
{
    private ChartCacheResult(ChartCacheEntry? entry, Diagnostic? diagnostic)
    {
        Entry = entry;
        Diagnostic = diagnostic;
    }

    /// <summary>The cached chart, when <see cref="Succeeded"/>.</summary>
    public ChartCacheEntry? Entry { get; }

    /// <summary>What went wrong, when not <see cref="Succeeded"/>; a coded error naming the input and the fix.</summary>
    public Diagnostic? Diagnostic { get; }

    /// <summary>True when <see cref="Entry"/> is set; otherwise <see cref="Diagnostic"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Entry))]
    [MemberNotNullWhen(false, nameof(Diagnostic))]
    public bool Succeeded
    {
        get
        {
            if (Entry is not null)
            {
                return true;
            }

            // The constructors guarantee exactly one of the two is set.
            return Diagnostic is null ? throw new System.Diagnostics.UnreachableException() : false;
        }
    }

    internal static ChartCacheResult Success(ChartCacheEntry entry) => new(entry, null);

    internal static ChartCacheResult Failure(Diagnostic diagnostic) => new(null, diagnostic);
}
