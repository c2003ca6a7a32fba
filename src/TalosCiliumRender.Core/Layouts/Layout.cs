using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Layouts;

/// <summary>
/// One way of laying a render out at the output path (<see cref="OutputLayout"/>): it checks its options, plans its
/// files, reads the existing output (once; that read serves the carry-over, the comparison, the header check and the
/// writer's same-bytes check), compares it with the render, and writes. Nothing outside the layouts asks which
/// layout a render uses.
/// </summary>
internal abstract class Layout
{
    /// <summary>Creates the layout for <paramref name="options"/>.</summary>
    /// <param name="options">The options it lays out by.</param>
    protected Layout(LayoutOptions options)
    {
        Options = options;
    }

    /// <summary>The options this layout lays out by.</summary>
    public LayoutOptions Options { get; }

    /// <summary>The layout <paramref name="options"/> name. Call <see cref="Validate"/> first: it reports what this throws.</summary>
    /// <exception cref="DiagnosticException">TCR0004 for a value that is not an <see cref="OutputLayout"/>.</exception>
    public static Layout For(LayoutOptions options) => options.Layout switch
    {
        OutputLayout.File => new SingleFileLayout(options),
        OutputLayout.Directory => new DirectoryLayout(options),
        OutputLayout.Talos => new TalosLayout(options),
        _ => throw DiagnosticCatalog.InvalidOption.Exception("the output layout", options.Layout, "use file, directory or talos"),
    };

    /// <summary>Every problem of the layout options that can be seen before helm runs (TCR5001-TCR5004, TCR0004), all at once.</summary>
    /// <param name="options">The options.</param>
    /// <param name="valuesOnly">Only the values are wanted: the layout does not matter, but a Talos version given must still be one.</param>
    /// <returns>The errors; empty when the options can be laid out.</returns>
    public static IReadOnlyList<Diagnostic> Validate(LayoutOptions options, bool valuesOnly)
    {
        var problems = new List<Diagnostic>();
        if (options.TalosVersion is { } version)
        {
            try
            {
                _ = TalosVersion.Parse(version);
            }
            catch (DiagnosticException e)
            {
                problems.Add(e.Diagnostic);
            }
        }

        if (valuesOnly)
        {
            return problems;
        }

        try
        {
            problems.AddRange(For(options).Problems());
        }
        catch (DiagnosticException e)
        {
            problems.Add(e.Diagnostic);
        }

        return problems;
    }

    /// <summary>Lays the rendered <paramref name="documents"/> out in memory.</summary>
    /// <param name="documents">The final documents.</param>
    /// <param name="values">The helm values of the render (the Talos patch reads kube-proxy replacement from them).</param>
    /// <param name="header">The provenance header (YAML comment lines) that heads the output of every layout.</param>
    /// <param name="chart">The chart's name and version, for the description in a Talos patch.</param>
    /// <param name="talos">What a Talos patch says besides the CNI, kube-proxy and the manifest; ignored by the other layouts.</param>
    public OutputPlan Plan(IReadOnlyList<ManifestDocument> documents, YamlMappingNode values, string header, string chart, TalosMachineSettings? talos = null) =>
        Plan(documents, YamlWriter.Write(documents, includeHeaderComments: true, prefix: header), values, header, chart, talos ?? TalosMachineSettings.None);

    /// <summary>Reads what is at the output path now, once for the whole render.</summary>
    /// <param name="displayPath">The output path as the user gave it.</param>
    /// <param name="fullPath">The output path made absolute.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public abstract Task<ExistingOutput> ReadExistingAsync(string displayPath, string fullPath, CancellationToken cancellationToken);

    /// <summary>The Kubernetes documents of the existing output (for the carry-over of generated Secrets).</summary>
    /// <returns><see langword="null"/> when there is no output of this layout (the first render).</returns>
    /// <exception cref="DiagnosticException">The output is not valid YAML, or too large.</exception>
    /// <exception cref="IOException">The output could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">As above.</exception>
    public abstract IReadOnlyList<ManifestDocument>? DocumentsOf(ExistingOutput existing);

    /// <summary>
    /// Reads the existing output back for a comparison with the plan: its manifest documents, and whether what the
    /// layout adds around them matches exactly. The documents themselves are compared by the diff, not here.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="existing">The existing output.</param>
    public abstract ReadBack ReadBack(OutputPlan plan, ExistingOutput existing);

    /// <summary>
    /// The comment lines that hold the existing output's provenance header — the start of the one file, or of a folder's
    /// kustomization.yaml — for <c>ProvenanceHeader.TryParse</c>. Other comments around the header come with it.
    /// </summary>
    /// <returns><see langword="null"/> when there is no such file, or it cannot be read or decoded.</returns>
    public abstract string? HeaderTextOf(ExistingOutput existing);

    /// <summary>True when the existing output's provenance header is the plan's (a comparison ignores comments).</summary>
    public abstract bool HeaderIsCurrent(OutputPlan plan, ExistingOutput existing);

    /// <summary>Refuses a target the layout or mode cannot use, before anything is written.</summary>
    /// <exception cref="DiagnosticException">TCR0010 (check mode against a device or pipe), TCR5005 (a folder layout at a file or device), TCR5012 (a file layout at a folder).</exception>
    public void CheckTarget(OutputTarget target, OutputMode mode)
    {
        if (mode == OutputMode.Check && target.IsStream)
        {
            throw DiagnosticCatalog.CheckNeedsCommittedOutput.Exception(SourceLocation.InFile(target.DisplayPath), target.DisplayPath, target.Description);
        }

        CheckTargetKind(target);
    }

    /// <summary>Full paths of the files the output consists of.</summary>
    public abstract IReadOnlyList<string> FilesOf(OutputPlan plan, string fullPath);

    /// <summary>Where a lint finding about rendered document <paramref name="index"/> points: the file that holds it.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="index">The document (in the order <see cref="OutputPlan.Manifest"/> holds them); negative for a finding about no document.</param>
    public SourceLocation Locate(OutputPlan plan, int index) =>
        Options.OutputPath is { } output && index >= 0 ? Locate(output, plan, index) : default;

    /// <summary>
    /// Writes the planned output: a file or folder atomically (files that already hold the same bytes, by
    /// <paramref name="existing"/>, are not rewritten), a device or pipe in place.
    /// </summary>
    /// <exception cref="DiagnosticException">TCR0007, TCR5005, TCR5006, TCR5012.</exception>
    public abstract Task<OutputStatus> WriteAsync(OutputPlan plan, OutputTarget target, ExistingOutput? existing, CancellationToken cancellationToken);

    /// <summary>The layout's own option problems (the Talos version's form is checked for every layout, by <see cref="Validate"/>).</summary>
    protected virtual IEnumerable<Diagnostic> Problems() => [];

    /// <summary>Lays out; <paramref name="manifest"/> is the manifest stream with the header.</summary>
    protected abstract OutputPlan Plan(IReadOnlyList<ManifestDocument> documents, string manifest, YamlMappingNode values, string header, string chart, TalosMachineSettings talos);

    /// <summary>Refuses a target of a kind the layout cannot write.</summary>
    protected abstract void CheckTargetKind(OutputTarget target);

    /// <summary>Where document <paramref name="index"/> is, under the output path <paramref name="output"/>.</summary>
    protected abstract SourceLocation Locate(string output, OutputPlan plan, int index);

    /// <summary>The comment lines <paramref name="file"/> starts with, or <see langword="null"/> when it was not read or is not UTF-8.</summary>
    protected static string? LeadingCommentsOf(ExistingFile? file)
    {
        if (file is not { Bytes: { } bytes })
        {
            return null;
        }

        try
        {
            return LeadingComments(bytes);
        }
        catch (DiagnosticException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>LeadingComments(InputFile.Decode(bytes))</c>, decoding only those lines: the provenance header is read before
    /// helm starts and again to decide whether to rewrite, and the whole output is a large string each time.
    /// </summary>
    /// <remarks>
    /// In UTF-8, the bytes of <c>#</c> and of a line feed stand for those characters and nothing else, and an invalid
    /// byte sequence (decoded as U+FFFD) never takes one of them in, so the comment lines end at the same place in the
    /// bytes as in the text, and their bytes decode to the same characters on their own.
    /// </remarks>
    internal static string LeadingComments(byte[] bytes)
    {
        var content = bytes.AsSpan();
        var utf8Bom = Encoding.UTF8.Preamble;
        if (content.StartsWith(utf8Bom))
        {
            content = content[utf8Bom.Length..];
        }
        else if (bytes is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            return LeadingComments(InputFile.Decode(bytes)); // UTF-16 or UTF-32, as InputFile.Decode reads them
        }

        var end = 0;
        while (end < content.Length && content[end] == (byte)'#')
        {
            var feed = content[end..].IndexOf((byte)'\n');
            end = feed < 0 ? content.Length : end + feed + 1;
        }

        return Encoding.UTF8.GetString(content[..end]);
    }

    /// <summary>The comment lines a text starts with, line breaks included.</summary>
    internal static string LeadingComments(string text)
    {
        var end = 0;
        while (end < text.Length && text[end] == '#')
        {
            var lineEnd = text.IndexOf('\n', end);
            end = lineEnd < 0 ? text.Length : lineEnd + 1;
        }

        return text[..end];
    }
}
