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
    public override string? HeaderTextOf(ExistingOutput existing) => existing.Files is [var file] ? LeadingCommentsOf(file) : null;

    /// <inheritdoc/>
    public override bool HeaderIsCurrent(OutputPlan plan, ExistingOutput existing)
    {
        if (existing.Files is not [{ Bytes: { } bytes }])
        {
            return false;
        }

        try
        {
            return LeadingComments(bytes) == LeadingComments(Content(plan));
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
    protected override OutputPlan Plan(IReadOnlyList<ManifestDocument> documents, string manifest, YamlMappingNode values, string header, string chart, TalosMachineSettings talos) =>
        new(manifest, [new PlannedFile(string.Empty, manifest)], null, null, []);

    /// <inheritdoc/>
    protected override void CheckTargetKind(OutputTarget target)
    {
        if (target.Kind == OutputKind.Directory)
        {
            throw DiagnosticCatalog.OutputPathIsFolder.Exception(SourceLocation.InFile(target.DisplayPath), target.DisplayPath);
        }
    }

    /// <inheritdoc/>
    protected override SourceLocation Locate(string output, OutputPlan plan, int index) =>
        DocumentLine(plan.Manifest, index) is { } line ? new SourceLocation(output, line, 1) : SourceLocation.InFile(output);

    /// <summary>
    /// The line where document <paramref name="index"/>'s content starts in a manifest this tool wrote: after the
    /// <paramref name="index"/>th <c>---</c> line, the first line that is neither blank nor a comment.
    /// </summary>
    /// <remarks>
    /// Found in the text instead of by reading it back as YAML (a parse of the whole output per render, for a line
    /// number): in what <see cref="YamlWriter"/> writes, every document is a mapping whose keys start at column 1, and
    /// the only other lines at column 1 are comments and the <c>---</c> separators (block and quoted scalars are indented).
    /// </remarks>
    internal static int? DocumentLine(string manifest, int index)
    {
        var document = 0;
        var line = 0;
        for (var start = 0; start <= manifest.Length; line++)
        {
            var end = manifest.IndexOf('\n', start);
            end = end < 0 ? manifest.Length : end;
            var text = manifest.AsSpan(start, end - start).TrimEnd('\r');
            start = end + 1;
            if (text is "---")
            {
                document++;
            }
            else if (document == index && text.Length > 0 && text[0] != '#')
            {
                return line + 1;
            }
            else if (document > index)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The text of the one file.</summary>
    protected static string Content(OutputPlan plan) => plan.Files.Single().Content;
}
