using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// The render as one YAML stream at the output path (<see cref="OutputLayout.File"/>), which may also be a device or
/// pipe. The base of the other one-file layout, <see cref="TalosLayout"/>.
/// </summary>
internal class SingleFileLayout(LayoutOptions options) : Layout(options)
{
    /// <inheritdoc/>
    public override Task<ExistingOutput> ReadExistingAsync(string displayPath, string fullPath, CancellationToken cancellationToken) =>
        ExistingOutput.ReadFileAsync(displayPath, fullPath, cancellationToken);

    /// <inheritdoc/>
    public override IReadOnlyList<ManifestDocument>? DocumentsOf(ExistingOutput existing) =>
        existing.Files is [var file] ? DocumentsIn(file.Text(), file.DisplayPath) : null;

    /// <inheritdoc/>
    public override ReadBack ReadBack(OutputPlan plan, ExistingOutput existing) =>
        Layouts.ReadBack.OfStream(existing, Content(plan));

    /// <inheritdoc/>
    public override bool HeaderIsCurrent(OutputPlan plan, ExistingOutput existing)
    {
        if (existing.Files is not [{ Bytes: { } bytes }])
        {
            return false;
        }

        try
        {
            return LeadingComments(InputFile.Decode(bytes)) == LeadingComments(Content(plan));
        }
        catch (DiagnosticException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> FilesOf(OutputPlan plan, string fullPath) => [fullPath];

    /// <inheritdoc/>
    public override Task<OutputStatus> WriteAsync(OutputPlan plan, OutputTarget target, ExistingOutput? existing, CancellationToken cancellationToken) =>
        ManifestFile.WriteAsync(target, Content(plan), cancellationToken, existing?.Files is [var file] ? file : null);

    /// <summary>The Kubernetes documents in the text of an existing output.</summary>
    protected virtual IReadOnlyList<ManifestDocument> DocumentsIn(string text, string displayPath) => YamlReader.ReadDocuments(text, displayPath);

    /// <inheritdoc/>
    protected override OutputPlan Plan(IReadOnlyList<ManifestDocument> documents, string manifest, YamlMappingNode values, string header, string chart) =>
        new(manifest, [new PlannedFile(string.Empty, manifest)], null, false, []);

    /// <inheritdoc/>
    protected override void CheckTargetKind(OutputTarget target)
    {
        if (target.Kind == OutputKind.Directory)
        {
            throw DiagnosticCatalog.OutputPathIsFolder.Exception(SourceLocation.InFile(target.DisplayPath), target.DisplayPath);
        }
    }

    /// <inheritdoc/>
    protected override SourceLocation Locate(string output, OutputPlan plan, IReadOnlyList<ManifestDocument> written, int index) =>
        index < written.Count ? YamlReader.Locate(output, written[index].Root.Start) : SourceLocation.InFile(output);

    /// <summary>The text of the one file.</summary>
    protected static string Content(OutputPlan plan) => plan.Files.Single().Content;
}
