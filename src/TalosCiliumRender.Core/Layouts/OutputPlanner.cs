using System.Globalization;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>Checks the layout options, lays a render out in memory, and writes it.</summary>
internal static class OutputPlanner
{
    /// <summary>Common cloud user-data limits: AWS EC2 takes 16 KiB, Hetzner Cloud 32 KiB.</summary>
    private static readonly (int Bytes, string Label)[] UserDataLimits =
    [
        (16 * 1024, "16 KiB (e.g. AWS EC2)"),
        (32 * 1024, "32 KiB (e.g. Hetzner Cloud)"),
    ];

    /// <summary>Checks what can be checked before helm runs.</summary>
    /// <exception cref="DiagnosticException">TCR5001-TCR5004.</exception>
    public static void Validate(RenderRequest request, bool valuesOnly)
    {
        if (request.TalosVersion is { } version)
        {
            _ = TalosVersion.Parse(version);
        }

        if (valuesOnly)
        {
            return;
        }

        switch (request.Layout)
        {
            case OutputLayout.Talos when request.TalosVersion is null:
                throw DiagnosticCatalog.TalosVersionRequired.Exception();
            case OutputLayout.Talos when !TalosPatch.IsValidManifestName(request.ReleaseName):
                throw DiagnosticCatalog.TalosManifestNameInvalid.Exception(request.ReleaseName);
            case OutputLayout.Directory when request.OutputPath is null:
                throw DiagnosticCatalog.DirectoryOutputRequired.Exception();
            case OutputLayout.File or OutputLayout.Directory or OutputLayout.Talos:
                break;
            default:
                throw DiagnosticCatalog.InvalidOption.Exception("the output layout", request.Layout, "use File, Directory or Talos");
        }
    }

    public static OutputPlan Plan(RenderRequest request, IReadOnlyList<ManifestDocument> documents, string manifest, YamlMappingNode values, RenderedChart chart)
    {
        switch (request.Layout)
        {
            case OutputLayout.Directory:
                return new OutputPlan(OutputLayout.Directory, manifest, null, DirectoryLayout.Plan(documents), false, []);
            case OutputLayout.Talos:
                // The user's intent decides (the values), not a later patch of cilium-config: if a patch turned the
                // replacement off, lint rule TCR6006 says so instead of the patch silently keeping kube-proxy.
                var disableKubeProxy = KubeProxyReplacement.FromValues(values);
                var version = TalosVersion.Parse(request.TalosVersion!);
                var patch = TalosPatch.Build(documents, version, request.ReleaseName, disableKubeProxy, $"chart {chart.Name} {chart.Version}, release {request.ReleaseName} in {request.Namespace}");
                return new OutputPlan(OutputLayout.Talos, manifest, patch.Text, [], disableKubeProxy, SizeWarnings(patch, request.OutputPath));
            default:
                return new OutputPlan(OutputLayout.File, manifest, null, [], false, []);
        }
    }

    /// <summary>Where a lint finding about document <paramref name="index"/> points: the file that holds it.</summary>
    public static SourceLocation Locate(OutputPlan plan, RenderRequest request, IReadOnlyList<ManifestDocument> writtenDocuments, int index)
    {
        if (request.OutputPath is not { } output || index < 0)
        {
            return default;
        }

        return plan.Layout switch
        {
            OutputLayout.Directory => SourceLocation.InFile(Path.Combine(output, plan.Files[index].RelativePath)),
            OutputLayout.File when index < writtenDocuments.Count => YamlReader.Locate(output, writtenDocuments[index].Root.Start),
            _ => SourceLocation.InFile(output),
        };
    }

    /// <summary>Full paths of the files the output consists of.</summary>
    public static IReadOnlyList<string> FilesOf(OutputPlan plan, string fullPath) =>
        plan.Layout == OutputLayout.Directory ? plan.Files.Select(f => Path.Combine(fullPath, f.RelativePath)).ToArray() : [fullPath];

    /// <summary>Refuses a target the layout or mode cannot use, before anything is read or written.</summary>
    /// <exception cref="DiagnosticException">TCR0010 (check mode against a device or pipe), TCR5005 (a folder layout at a file or device), TCR5012 (a file layout at a folder).</exception>
    public static void CheckTarget(OutputPlan plan, OutputTarget target, OutputMode mode)
    {
        var location = SourceLocation.InFile(target.DisplayPath);
        if (mode == OutputMode.Check && target.IsStream)
        {
            throw DiagnosticCatalog.CheckNeedsCommittedOutput.Exception(location, target.DisplayPath, target.Description);
        }

        if (plan.Layout == OutputLayout.Directory && target.Kind is not (OutputKind.Directory or OutputKind.Missing))
        {
            throw DiagnosticCatalog.OutputPathIsFile.Exception(location, target.DisplayPath, target.Description);
        }

        if (plan.Layout != OutputLayout.Directory && target.Kind == OutputKind.Directory)
        {
            throw DiagnosticCatalog.OutputPathIsFolder.Exception(location, target.DisplayPath);
        }
    }

    /// <summary>
    /// Writes the planned output: a file or folder atomically (files that already hold the same bytes are not
    /// rewritten), a device or pipe in place.
    /// </summary>
    public static Task<OutputStatus> WriteAsync(OutputPlan plan, OutputTarget target, CancellationToken cancellationToken) =>
        plan.Layout switch
        {
            OutputLayout.Directory => AtomicDirectory.WriteIfChangedAsync(target, plan.Files, cancellationToken),
            OutputLayout.Talos => ManifestFile.WriteAsync(target, plan.TalosPatch!, cancellationToken),
            _ => ManifestFile.WriteAsync(target, plan.Manifest, cancellationToken),
        };

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
