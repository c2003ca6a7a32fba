using System.Reflection;
using System.Text;

namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// The comment block at the top of a rendered manifest: which tool made it from which chart and which values.
/// It holds only inputs — no time, no machine path, no helm version (helm 3 and 4 give the same bytes) — so it
/// changes exactly when the inputs change, and YAML readers (kubectl, Argo CD, Flux, kustomize) skip it.
/// </summary>
/// <param name="ToolVersion">The TalosCiliumRender version, without build metadata.</param>
/// <param name="ChartName">Chart name.</param>
/// <param name="ChartVersion">Chart version.</param>
/// <param name="ChartDigest"><c>sha256:…</c> of the chart archive, or of a chart folder's content.</param>
/// <param name="ValuesDigest"><c>sha256:…</c> of the effective values in canonical form (<see cref="CanonicalValues"/>).</param>
/// <param name="Release">Release name.</param>
/// <param name="Namespace">Release namespace.</param>
/// <param name="KubeVersion">Kubernetes version rendered for.</param>
/// <param name="ApiVersions">Extra API versions given to helm.</param>
/// <param name="UpgradeCompatibility">
/// The Cilium release line (<c>X.Y</c>) the output was first rendered with, carried forward by every later render: what
/// <c>upgradeCompatibility</c> is set to after an upgrade. <see langword="null"/> for a chart that is not Cilium, and
/// in headers written before the line existed (they still parse).
/// </param>
internal sealed record ProvenanceHeader(
    string ToolVersion, string ChartName, string ChartVersion, string ChartDigest, string ValuesDigest,
    string Release, string Namespace, string KubeVersion, IReadOnlyList<string> ApiVersions, string? UpgradeCompatibility = null)
{
    private const string FirstLinePrefix = "# Rendered by talos-cilium ";
    private const string FirstLineToolMark = " (TalosCiliumRender)";
    private const string ChartPrefix = "# chart: ";
    private const string UpgradeCompatibilityPrefix = "# upgrade-compatibility: ";
    private const string UpgradeCompatibilityNote = " (the Cilium minor this output was first rendered with; kept on upgrades)";
    private const string ValuesPrefix = "# values: ";
    private const string ValuesNote = " (effective values, canonical form)";
    private const string ReleasePrefix = "# release: ";
    private const string NamespaceMark = ", namespace ";
    private const string KubeVersionMark = ", kube-version ";
    private const string ApiVersionsMark = ", api-versions ";

    /// <summary>The version of this library, as the header names it: the informational version without <c>+metadata</c>.</summary>
    public static string CurrentToolVersion { get; } =
        (typeof(ProvenanceHeader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The header: YAML comment lines, each ending in <c>\n</c>.</summary>
    public string Text()
    {
        var apiVersions = ApiVersions.Count == 0 ? string.Empty : ", api-versions " + string.Join(" ", ApiVersions.Order(StringComparer.Ordinal));
        return new StringBuilder()
            .Append("# Rendered by talos-cilium ").Append(ToolVersion).Append(" (TalosCiliumRender). Do not edit: change the inputs and render again.\n")
            .Append(ChartPrefix).Append(ChartName).Append(' ').Append(ChartVersion).Append(' ').Append(ChartDigest).Append('\n')
            .Append(UpgradeCompatibility is null ? string.Empty : UpgradeCompatibilityPrefix + UpgradeCompatibility + UpgradeCompatibilityNote + "\n")
            .Append(ValuesPrefix).Append(ValuesDigest).Append(ValuesNote).Append('\n')
            .Append(ReleasePrefix).Append(Release).Append(NamespaceMark).Append(Namespace).Append(KubeVersionMark).Append(KubeVersion).Append(apiVersions).Append('\n')
            .ToString();
    }

    /// <summary>
    /// The header in <paramref name="text"/> (the comment lines an output starts with, in any layout: other comments
    /// may come before it, as the Talos patch's description and the folder marker do, and after it, as helm's
    /// <c># Source:</c> does), or <see langword="null"/> when there is none.
    /// </summary>
    /// <remarks>
    /// The inverse of <see cref="Text"/>. A header another tool wrote, one edited by hand into another shape, or one
    /// cut short counts as no header at all: it never fails a render. Headers from before the
    /// <c>upgrade-compatibility</c> line parse, with <see cref="UpgradeCompatibility"/> <see langword="null"/>.
    /// </remarks>
    public static ProvenanceHeader? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var start = Array.FindIndex(lines, l => l.StartsWith(FirstLinePrefix, StringComparison.Ordinal));
        if (start < 0 || lines.Length < start + 4)
        {
            return null;
        }

        var first = lines[start][FirstLinePrefix.Length..];
        var toolEnd = first.IndexOf(FirstLineToolMark, StringComparison.Ordinal);
        var next = start + 1;
        var chart = After(lines[next++], ChartPrefix)?.Split(' ');
        string? upgradeCompatibility = null;
        if (After(lines[next], UpgradeCompatibilityPrefix) is { } compatibility)
        {
            upgradeCompatibility = compatibility.Split(' ')[0];
            if (!IsReleaseLine(upgradeCompatibility) || next + 3 > lines.Length)
            {
                return null;
            }

            next++;
        }

        var values = After(lines[next++], ValuesPrefix);
        var release = After(lines[next], ReleasePrefix);
        if (toolEnd <= 0 || chart is not [{ Length: > 0 } name, { Length: > 0 } version, { Length: > 0 } digest]
            || values is null || !values.EndsWith(ValuesNote, StringComparison.Ordinal) || release is null)
        {
            return null;
        }

        // release: R, namespace N, kube-version K[, api-versions A B …]; release names, namespaces and versions hold no comma.
        var namespaceAt = release.IndexOf(NamespaceMark, StringComparison.Ordinal);
        var kubeAt = release.IndexOf(KubeVersionMark, StringComparison.Ordinal);
        if (namespaceAt <= 0 || kubeAt <= namespaceAt)
        {
            return null;
        }

        var kube = release[(kubeAt + KubeVersionMark.Length)..];
        IReadOnlyList<string> apiVersions = [];
        if (kube.IndexOf(ApiVersionsMark, StringComparison.Ordinal) is var apiAt and >= 0)
        {
            apiVersions = kube[(apiAt + ApiVersionsMark.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            kube = kube[..apiAt];
        }

        var valuesDigest = values[..^ValuesNote.Length];
        var releaseName = release[..namespaceAt];
        var ns = release[(namespaceAt + NamespaceMark.Length)..kubeAt];
        return new[] { first[..toolEnd], valuesDigest, releaseName, ns, kube }.Any(p => p.Length == 0 || p.Contains(' ', StringComparison.Ordinal))
            ? null
            : new ProvenanceHeader(first[..toolEnd], name, version, digest, valuesDigest, releaseName, ns, kube, apiVersions, upgradeCompatibility);
    }

    private static string? After(string line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;

    /// <summary><c>X.Y</c>, two plain decimal numbers: what the chart's <c>semverCompare</c> takes as <c>upgradeCompatibility</c>.</summary>
    private static bool IsReleaseLine(string text) =>
        text.Split('.') is [var major, var minor] && IsNumber(major) && IsNumber(minor);

    private static bool IsNumber(string part) => part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');
}
