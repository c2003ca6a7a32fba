using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// The render as a Talos machine-config patch (<see cref="OutputLayout.Talos"/>, built by <see cref="TalosPatch"/>):
/// one file, whose embedded manifest is compared resource by resource and whose patch documents around it must
/// match exactly.
/// </summary>
internal sealed class TalosLayout(LayoutOptions options) : SingleFileLayout(options)
{
    /// <summary>Common cloud user-data limits: AWS EC2 takes 16 KiB, Hetzner Cloud 32 KiB.</summary>
    private static readonly (int Bytes, string Label)[] UserDataLimits =
    [
        (16 * 1024, "16 KiB (e.g. AWS EC2)"),
        (32 * 1024, "32 KiB (e.g. Hetzner Cloud)"),
    ];

    /// <inheritdoc/>
    public override ReadBack ReadBack(OutputPlan plan, ExistingOutput existing) =>
        Layouts.ReadBack.OfTalosPatch(existing, Content(plan));

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Problems()
    {
        if (Options.TalosVersion is null)
        {
            yield return DiagnosticCatalog.TalosVersionRequired.Create();
        }

        if (!TalosPatch.IsValidManifestName(Options.ReleaseName))
        {
            yield return DiagnosticCatalog.TalosManifestNameInvalid.Create(Options.ReleaseName);
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<ManifestDocument> DocumentsIn(string text, string displayPath)
    {
        var (manifest, _) = TalosPatch.Split(YamlReader.ReadDocuments(text, displayPath));
        return manifest is null ? [] : YamlReader.ReadDocuments(manifest, displayPath);
    }

    /// <inheritdoc/>
    protected override OutputPlan Plan(IReadOnlyList<ManifestDocument> documents, string manifest, YamlMappingNode values, string header, string chart, TalosMachineSettings talos)
    {
        // The user's intent decides (the values), not a later patch of cilium-config: if a patch turned the
        // replacement off, lint rule TCR6006 says so instead of the patch silently keeping kube-proxy.
        var disableKubeProxy = KubeProxyReplacement.FromValues(values);
        var version = TalosVersion.Parse(Options.TalosVersion!);
        var patch = TalosPatch.Build(documents, version, Options.ReleaseName, disableKubeProxy, $"chart {chart}, release {Options.ReleaseName} in {Options.Namespace}", talos);

        // The provenance header goes after the patch's own description comments.
        var comments = LeadingComments(patch.Text).Length;
        var text = patch.Text[..comments] + header + patch.Text[comments..];
        return new OutputPlan(manifest, [new PlannedFile(string.Empty, text)], text, disableKubeProxy, SizeWarnings(patch, Options.OutputPath));
    }

    /// <inheritdoc/>
    protected override SourceLocation Locate(string output, OutputPlan plan, int index) =>
        SourceLocation.InFile(output);

    private static IReadOnlyList<Diagnostic> SizeWarnings(TalosPatch.Result patch, string? outputPath)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(patch.Text);
        var exceeded = UserDataLimits.Where(l => bytes > l.Bytes).Select(l => l.Label).ToArray();
        if (exceeded.Length == 0)
        {
            return [];
        }

        // One warning for the whole patch: the Cilium render alone is several times the smaller limit, so a
        // warning per limit or per document would only repeat itself.
        return [DiagnosticCatalog.TalosPatchTooLarge.Create(SourceLocation.InFile(outputPath), KiB(bytes), patch.ManifestName, KiB(patch.ManifestBytes), "the " + string.Join(" and ", exceeded) + " user-data limit" + (exceeded.Length > 1 ? "s" : string.Empty))];
    }

    private static string KiB(int bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}
