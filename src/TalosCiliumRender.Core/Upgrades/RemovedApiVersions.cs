using System.Text.Json;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Upgrades;

/// <summary>
/// The Kubernetes API versions Cilium releases stopped serving or deprecated, from <c>RemovedApiVersions.json</c>
/// (embedded): every entry quotes Cilium's upgrade notes, so the report never claims more than Cilium does.
/// </summary>
internal static class RemovedApiVersions
{
    private const string ResourceName = "TalosCiliumRender.Core.Upgrades.RemovedApiVersions.json";

    /// <summary>The table, read once.</summary>
    public static IReadOnlyList<Entry> Table { get; } = Load();

    /// <summary>The documents whose apiVersion and kind the release line <paramref name="target"/> no longer serves or deprecates.</summary>
    /// <param name="documents">The final documents of the target render (kustomize resources included).</param>
    /// <param name="target">The target chart's Cilium release line.</param>
    public static IReadOnlyList<ApiVersionFinding> Find(IReadOnlyList<ManifestDocument> documents, ReleaseLine target)
    {
        var findings = new List<ApiVersionFinding>();
        for (var i = 0; i < documents.Count; i++)
        {
            var id = ObjectIdentity.From(documents[i]);
            foreach (var entry in Table.Where(e => e.ApiVersion == id.ApiVersion && e.Kind == id.Kind && e.Since <= target))
            {
                findings.Add(new ApiVersionFinding(ManifestDiff.Identify(documents[i], i + 1), entry.Removed, entry.Since.ToString(), entry.Replacement, entry.Citation));
            }
        }

        return findings;
    }

    /// <summary>Reads a table in the shape of <c>RemovedApiVersions.json</c>.</summary>
    /// <exception cref="InvalidDataException">An entry lacks a field, names an unknown status, or cites nothing.</exception>
    internal static IReadOnlyList<Entry> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var entries = new List<Entry>();
        foreach (var item in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            string Text(string name) => item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"RemovedApiVersions.json: an entry has no '{name}'.");
            var status = Text("status");
            entries.Add(new Entry(
                Text("apiVersion"),
                Text("kind"),
                status switch
                {
                    "removed" => true,
                    "deprecated" => false,
                    _ => throw new InvalidDataException($"RemovedApiVersions.json: status '{status}' is neither 'removed' nor 'deprecated'."),
                },
                ReleaseLine.TryParse(Text("cilium")) ?? throw new InvalidDataException("RemovedApiVersions.json: 'cilium' is not a release line X.Y."),
                Text("replacement"),
                Text("citation")));
        }

        return entries;
    }

    private static IReadOnlyList<Entry> Load()
    {
        using var stream = typeof(RemovedApiVersions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing; the Core project must embed Upgrades/RemovedApiVersions.json.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>One API version of one kind.</summary>
    /// <param name="ApiVersion"><c>group/version</c>.</param>
    /// <param name="Kind">The kind.</param>
    /// <param name="Removed">True when no longer served from <paramref name="Since"/> on; false when only deprecated.</param>
    /// <param name="Since">The Cilium release line that removed or deprecated it.</param>
    /// <param name="Replacement">What to use instead.</param>
    /// <param name="Citation">Cilium's words and where they are.</param>
    internal sealed record Entry(string ApiVersion, string Kind, bool Removed, ReleaseLine Since, string Replacement, string Citation);
}
