using System.Numerics;
using Semver;

namespace TalosCiliumRender.Core.Helm;

/// <summary>
/// Chart versions as SemVer 2 (what helm requires of <c>Chart.yaml</c>'s <c>version</c>): parsing, precedence
/// (<c>1.19.0-rc.1</c> &lt; <c>1.19.0</c>, build metadata ignored) and the release line <c>X.Y</c> a version belongs to.
/// </summary>
/// <remarks>
/// Semver rather than NuGet.Versioning: the core is loaded into MSBuild, which brings its own NuGet.Versioning, and
/// two copies of one assembly in one process are a version conflict waiting to happen. Only chart versions go through
/// here; helm's, Talos' and Kubernetes' versions have their own, looser forms.
/// </remarks>
internal static class ChartVersion
{
    /// <summary>
    /// A leading <c>v</c> (helm accepts <c>v1.2.3</c>) and a missing patch (<c>1.18</c>) are tolerated, as the
    /// preset lookup always tolerated them; anything else must be SemVer 2.
    /// </summary>
    private const SemVersionStyles Styles = SemVersionStyles.AllowV | SemVersionStyles.OptionalPatch;

    /// <summary>Orders versions by SemVer precedence.</summary>
    public static IComparer<SemVersion> Precedence => SemVersion.PrecedenceComparer;

    /// <summary>The version <paramref name="text"/> names, or <see langword="null"/> when it is none.</summary>
    public static SemVersion? TryParse(string? text) =>
        text is not null && SemVersion.TryParse(text.Trim(), Styles, out var version) ? version : null;

    /// <summary>The release line of <paramref name="version"/>, or <see langword="null"/> when a part is too large to be one.</summary>
    public static ReleaseLine? LineOf(SemVersion version) =>
        Fits(version.Major) && Fits(version.Minor) ? new ReleaseLine((int)version.Major, (int)version.Minor) : null;

    /// <summary>The release line of the version <paramref name="text"/> names, or <see langword="null"/>.</summary>
    public static ReleaseLine? LineOf(string? text) => TryParse(text) is { } version ? LineOf(version) : null;

    private static bool Fits(BigInteger part) => part <= int.MaxValue;
}

/// <summary>A release line <c>X.Y</c>: what Cilium's upgrade rules and <c>upgradeCompatibility</c> speak of.</summary>
/// <param name="Major">The major version.</param>
/// <param name="Minor">The minor version.</param>
internal readonly record struct ReleaseLine(int Major, int Minor) : IComparable<ReleaseLine>
{
    /// <summary>Reads <c>X.Y</c> (both plain decimal numbers, no sign, no leading zeros but <c>0</c>).</summary>
    public static ReleaseLine? TryParse(string? text)
    {
        var parts = text?.Split('.');
        return parts is [var major, var minor] && IsNumber(major) && IsNumber(minor)
            && int.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && int.TryParse(minor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
            ? new ReleaseLine(x, y)
            : null;
    }

    /// <inheritdoc/>
    public int CompareTo(ReleaseLine other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary><c>X.Y</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>Earlier release line.</summary>
    public static bool operator <(ReleaseLine left, ReleaseLine right) => left.CompareTo(right) < 0;

    /// <summary>Later release line.</summary>
    public static bool operator >(ReleaseLine left, ReleaseLine right) => left.CompareTo(right) > 0;

    /// <summary>Not later.</summary>
    public static bool operator <=(ReleaseLine left, ReleaseLine right) => left.CompareTo(right) <= 0;

    /// <summary>Not earlier.</summary>
    public static bool operator >=(ReleaseLine left, ReleaseLine right) => left.CompareTo(right) >= 0;

    private static bool IsNumber(string part) => part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');
}
