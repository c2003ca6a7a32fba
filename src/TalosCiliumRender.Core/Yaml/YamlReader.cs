using TalosCiliumRender.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Yaml;

/// <summary>Reads YAML streams into documents, turning every YAML fault into a coded diagnostic with its position.</summary>
internal static class YamlReader
{
    /// <summary>Reads every non-empty document of a stream.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="origin">The file it came from, named in diagnostics.</param>
    /// <exception cref="DiagnosticException">
    /// TCR3001 for a duplicate key, TCR3002 for malformed YAML, TCR3005 and TCR3006 beyond <see cref="YamlLimits"/>.
    /// </exception>
    public static IReadOnlyList<ManifestDocument> ReadDocuments(string text, string? origin)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new DocumentHeaderParser(new LimitingParser(new Parser(scanner), origin));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // A few scanner errors (a tab used as indentation) carry no position; the scanner stopped on the fault.
            throw ToDiagnostic(e, e.Start.Equals(Mark.Empty) ? scanner.CurrentPosition : e.Start, origin);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some malformed input instead of a YamlException.
            var mark = parser.Current?.End ?? Mark.Empty;
            throw DiagnosticCatalog.MalformedYaml.Exception(Locate(origin, mark), "unexpected content after this point");
        }

        var documents = new List<ManifestDocument>(stream.Documents.Count);
        var lines = new DocumentHeaderParser.LineCursor(text);
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            if (root is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar))
            {
                continue; // kustomize and kubectl drop empty documents; so do we
            }

            IReadOnlyList<string> headers = [];
            if (i < parser.Headers.Count && parser.Headers[i] is var (startLine, contentLine) && contentLine > startLine)
            {
                headers = DocumentHeaderParser.CommentsBetween(ref lines, startLine, contentLine);
            }

            // De-anchoring walks every node; a stream without aliases has no shared nodes to split.
            documents.Add(new ManifestDocument(parser.SawAlias ? YamlNodes.DeAnchor(root) : root, headers, origin));
        }

        return documents;
    }

    /// <summary>Reads a file that must hold a single mapping (values files, kustomizations).</summary>
    /// <returns>The mapping, or an empty mapping for an empty file.</returns>
    public static YamlMappingNode ReadSingleMapping(string text, string origin, string what)
    {
        var documents = ReadDocuments(text, origin);
        return documents switch
        {
            [] => new YamlMappingNode(),
            [{ Root: YamlMappingNode map }] => map,
            [var other] => throw DiagnosticCatalog.UnexpectedYamlShape.Exception(
                Locate(origin, other.Root.Start),
                $"{what} '{origin}' must be a YAML mapping (key: value pairs) but is a {Describe(other.Root)}."),
            _ => throw DiagnosticCatalog.UnexpectedYamlShape.Exception(
                Locate(origin, documents[1].Root.Start),
                $"{what} '{origin}' must hold one YAML document but holds {documents.Count}. Split it into separate files."),
        };
    }

    public static SourceLocation Locate(string? origin, Mark mark) =>
        mark.Line > 0 ? new SourceLocation(origin, (int)mark.Line, (int)mark.Column) : SourceLocation.InFile(origin);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };

    private static DiagnosticException ToDiagnostic(YamlException e, Mark start, string? origin)
    {
        var location = Locate(origin, start);
        const string duplicate = "Duplicate key ";
        var message = e.InnerException is YamlException inner && inner.Message.Length > 0 ? inner.Message : e.Message;
        if (message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return DiagnosticCatalog.DuplicateKey.Exception(location, message[duplicate.Length..]);
        }

        // YamlDotNet prefixes messages with the position, which the location already carries.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0)
        {
            message = message[(close + 3)..];
        }

        return DiagnosticCatalog.MalformedYaml.Exception(location, message.TrimEnd('.'));
    }
}
