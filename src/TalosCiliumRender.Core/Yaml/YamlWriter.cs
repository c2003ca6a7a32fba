using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>
/// Writes documents as a YAML stream in one fixed style: <c>\n</c> line endings, two-space indents, list items
/// level with their key, no anchors, no line folding, block collections (flow only for empty ones), and
/// scalars in the style they were read or built with.
/// </summary>
internal static class YamlWriter
{
    private static readonly EmitterSettings Settings = EmitterSettings.Default
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithMaxSimpleKeyLength(int.MaxValue)
        .WithNewLine("\n");

    /// <summary>Writes a stream: documents separated by <c>---</c>, none before the first unless asked.</summary>
    /// <param name="documents">The documents, in output order.</param>
    /// <param name="includeHeaderComments">Write each document's header comments (helm's <c># Source:</c>).</param>
    public static string Write(IEnumerable<ManifestDocument> documents, bool includeHeaderComments = true) =>
        Write(documents, includeHeaderComments, prefix: string.Empty);

    /// <summary>Writes a stream after <paramref name="prefix"/> (a header), as <c>prefix + Write(documents)</c> without copying the stream again.</summary>
    public static string Write(IEnumerable<ManifestDocument> documents, bool includeHeaderComments, string prefix)
    {
        var builder = new StringBuilder(prefix);
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                builder.Append("---\n");
            }

            first = false;
            if (includeHeaderComments)
            {
                foreach (var comment in document.HeaderComments)
                {
                    builder.Append("# ").Append(comment).Append('\n');
                }
            }

            AppendNode(document.Root, builder);
        }

        return builder.ToString();
    }

    /// <summary>Writes one node as a complete document, without separators.</summary>
    public static string WriteNode(YamlNode root)
    {
        var builder = new StringBuilder();
        AppendNode(root, builder);
        return builder.ToString();
    }

    /// <summary>
    /// The value and style a scalar is written with: an unstyled scalar is plain, and an empty untagged plain scalar
    /// is written as <c>null</c>, which YamlDotNet would otherwise quote into a string.
    /// </summary>
    internal static (string Value, ScalarStyle Style) OutputForm(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var style = scalar.Style == ScalarStyle.Any ? ScalarStyle.Plain : scalar.Style;
        if (style == ScalarStyle.Plain && value.Length == 0 && scalar.Tag.IsEmpty)
        {
            value = "null";
        }

        // Folded scalars are re-flowed by YamlDotNet; literal keeps the value's exact lines.
        return (value, style == ScalarStyle.Folded ? ScalarStyle.Literal : style);
    }

    /// <summary>The reference this style is defined by: YamlDotNet's emitter, for what the fast path declines.</summary>
    internal static string WriteNodeWithYamlDotNet(YamlNode root)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        EmitNode(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void AppendNode(YamlNode root, StringBuilder builder)
    {
        if (!YamlBlockEmitter.TryWrite(root, builder))
        {
            builder.Append(WriteNodeWithYamlDotNet(root));
        }
    }

    private static void EmitNode(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                EmitScalar(emitter, scalar);
                break;
            case YamlSequenceNode sequence:
                var sequenceStyle = sequence.Children.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
                emitter.Emit(new SequenceStart(AnchorName.Empty, sequence.Tag, sequence.Tag.IsEmpty, sequenceStyle));
                foreach (var child in sequence.Children)
                {
                    EmitNode(emitter, child);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                var mappingStyle = mapping.Children.Count == 0 ? MappingStyle.Flow : MappingStyle.Block;
                emitter.Emit(new MappingStart(AnchorName.Empty, mapping.Tag, mapping.Tag.IsEmpty, mappingStyle));
                foreach (var (key, value) in mapping.Children)
                {
                    EmitNode(emitter, key);
                    EmitNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new InvalidOperationException($"Unexpected node type {node.GetType().Name}.");
        }
    }

    private static void EmitScalar(IEmitter emitter, YamlScalarNode scalar)
    {
        var (value, style) = OutputForm(scalar);
        var plainImplicit = scalar.Tag.IsEmpty && style == ScalarStyle.Plain;
        var quotedImplicit = scalar.Tag.IsEmpty && style != ScalarStyle.Plain;
        emitter.Emit(new Scalar(AnchorName.Empty, scalar.Tag, value, style, plainImplicit, quotedImplicit));
    }
}
