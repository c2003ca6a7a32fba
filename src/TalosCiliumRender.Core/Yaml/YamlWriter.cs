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
    public static string Write(IEnumerable<ManifestDocument> documents, bool includeHeaderComments = true)
    {
        var builder = new StringBuilder();
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

            builder.Append(WriteNode(document.Root));
        }

        return builder.ToString();
    }

    /// <summary>Writes one node as a complete document, without separators.</summary>
    public static string WriteNode(YamlNode root)
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
        var value = scalar.Value ?? string.Empty;
        var style = scalar.Style == ScalarStyle.Any ? ScalarStyle.Plain : scalar.Style;

        // YamlDotNet will not write an empty plain scalar and would quote it into a string; `null` keeps the meaning.
        if (style == ScalarStyle.Plain && value.Length == 0 && scalar.Tag.IsEmpty)
        {
            value = "null";
        }

        // Folded scalars are re-flowed by YamlDotNet; literal keeps the value's exact lines.
        if (style == ScalarStyle.Folded)
        {
            style = ScalarStyle.Literal;
        }

        var plainImplicit = scalar.Tag.IsEmpty && style == ScalarStyle.Plain;
        var quotedImplicit = scalar.Tag.IsEmpty && style != ScalarStyle.Plain;
        emitter.Emit(new Scalar(AnchorName.Empty, scalar.Tag, value, style, plainImplicit, quotedImplicit));
    }
}
