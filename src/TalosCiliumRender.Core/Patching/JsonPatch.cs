using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Patching;

/// <summary>
/// RFC 6902 JSON patch applied directly to YAML trees, so untouched values keep their styles and keys their order.
/// </summary>
/// <remarks>
/// Stricter than kustomize 5.5 (evanphx/json-patch) where it is lenient by accident: <c>replace</c> of a missing
/// path, <c>test</c> and <c>copy</c> of a missing path, pointers without a leading <c>/</c> or with a bad <c>~</c>
/// escape, and operations without their <c>value</c> are errors. Like kustomize, negative list indexes count from
/// the end (<c>-1</c> is the last element; for <c>add</c>, the end) and leading zeros are accepted. Unlike it, an
/// operation on the empty pointer replaces the whole document, as RFC 6902 says.
/// </remarks>
internal static partial class JsonPatch
{
    private static readonly string[] KnownOperations = ["add", "remove", "replace", "move", "copy", "test"];

    /// <summary>Reads a JSON patch: a list of operations, written in YAML or JSON.</summary>
    /// <param name="text">The patch body.</param>
    /// <param name="origin">The file it came from, named in diagnostics with line and column.</param>
    /// <exception cref="DiagnosticException">TCR2020-TCR2022 for a malformed patch, TCR3001/TCR3002 for malformed YAML or JSON.</exception>
    public static IReadOnlyList<JsonPatchOperation> Parse(string text, string? origin)
    {
        var patchName = origin ?? "(inline patch)";
        var documents = YamlReader.ReadDocuments(text, origin);
        if (documents.Count == 0)
        {
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(SourceLocation.InFile(origin), patchName, "it is empty");
        }

        if (documents.Count > 1)
        {
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(
                YamlReader.Locate(origin, documents[1].Root.Start), patchName, $"it holds {documents.Count} YAML documents; put all operations in one list");
        }

        if (documents[0].Root is not YamlSequenceNode list)
        {
            var root = documents[0].Root;
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(
                YamlReader.Locate(origin, root.Start), patchName, $"it is a {YamlReader.Describe(root)}, not a list of operations");
        }

        var operations = new List<JsonPatchOperation>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var number = i + 1;
            var element = list.Children[i];
            var location = YamlReader.Locate(origin, element.Start);
            if (element is not YamlMappingNode map)
            {
                throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} is a {YamlReader.Describe(element)}, not a mapping");
            }

            var op = Text(map.Get("op"))
                ?? throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} has no 'op'");
            if (!KnownOperations.Contains(op))
            {
                throw DiagnosticCatalog.JsonPatchUnknownOperation.Exception(YamlReader.Locate(origin, map.Get("op")!.Start), patchName, op);
            }

            var path = RequiredPointer(map, "path", op, number, location, origin, patchName);
            string? from = null;
            if (op is "move" or "copy")
            {
                from = RequiredPointer(map, "from", op, number, location, origin, patchName);
            }

            var value = map.Get("value");
            if (value is null && op is "add" or "replace" or "test")
            {
                throw DiagnosticCatalog.JsonPatchMalformed.Exception(
                    location, patchName, $"operation {number} ('{op}' of '{path}') has no 'value'; write 'value: null' to set null");
            }

            if (op == "remove" && path.Length == 0)
            {
                throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} removes the whole document");
            }

            operations.Add(new JsonPatchOperation(op, path, from, op is "add" or "replace" or "test" ? value : null, location));
        }

        return operations;
    }

    /// <summary>Applies operations in order.</summary>
    /// <param name="document">The resource; changed in place.</param>
    /// <param name="operations">The operations, usually from <see cref="Parse"/>.</param>
    /// <param name="resourceDescription">The resource, as named in messages (<c>Deployment/ns/name</c>).</param>
    /// <returns>The document, or the value that replaced it (an operation on the empty pointer).</returns>
    /// <exception cref="DiagnosticException">TCR2021-TCR2027 when an operation cannot be applied.</exception>
    public static YamlNode Apply(YamlNode document, IReadOnlyList<JsonPatchOperation> operations, string? resourceDescription)
    {
        var root = document;
        foreach (var operation in operations)
        {
            root = new Application(operation, resourceDescription ?? "the resource").Run(root);
        }

        return root;
    }

    private static string RequiredPointer(
        YamlMappingNode map, string field, string op, int number, SourceLocation location, string? origin, string patchName)
    {
        var node = map.Get(field);
        var text = node is YamlScalarNode scalar && !(scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any && YamlScalars.IsNull(scalar))
            ? scalar.Value ?? string.Empty
            : null;
        if (text is null)
        {
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} ('{op}') has no '{field}'");
        }

        if (!JsonPointer.TryParse(text, out _, out var error))
        {
            throw DiagnosticCatalog.JsonPointerInvalid.Exception(YamlReader.Locate(origin, node!.Start), patchName, field, text, error);
        }

        return text;
    }

    private static string? Text(YamlNode? node) =>
        node is YamlScalarNode scalar && !YamlScalars.IsNull(scalar) ? scalar.Value : null;

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex IndexPattern();

    /// <summary>One operation being applied; carries what every message needs.</summary>
    private sealed class Application(JsonPatchOperation operation, string resource)
    {
        private string PatchName => operation.Location.File ?? "(inline patch)";

        public YamlNode Run(YamlNode root)
        {
            var path = Pointer(operation.Path, "path");
            switch (operation.Op)
            {
                case "add":
                    return Add(root, path, YamlNodes.DeepClone(RequiredValue()));
                case "remove":
                    Remove(root, path, "path");
                    return root;
                case "replace":
                    return Replace(root, path, YamlNodes.DeepClone(RequiredValue()));
                case "move":
                {
                    var from = Pointer(operation.From, "from");
                    if (path.IsInside(from))
                    {
                        throw DiagnosticCatalog.JsonPatchMoveIntoChild.Exception(operation.Location, PatchName, from.Text, path.Text, resource);
                    }

                    if (from.Text == path.Text)
                    {
                        _ = Get(root, from, "from");
                        return root;
                    }

                    return Add(root, path, Remove(root, from, "from"));
                }

                case "copy":
                    return Add(root, path, YamlNodes.DeepClone(Get(root, Pointer(operation.From, "from"), "from")));
                case "test":
                    Test(root, path);
                    return root;
                default:
                    throw DiagnosticCatalog.JsonPatchUnknownOperation.Exception(operation.Location, PatchName, operation.Op);
            }
        }

        private YamlNode RequiredValue() =>
            operation.Value ?? throw DiagnosticCatalog.JsonPatchMalformed.Exception(
                operation.Location, PatchName, $"'{operation.Op}' of '{operation.Path}' has no 'value'");

        private JsonPointer Pointer(string? text, string field)
        {
            if (text is null)
            {
                throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, $"'{operation.Op}' has no '{field}'");
            }

            return JsonPointer.TryParse(text, out var pointer, out var error)
                ? pointer
                : throw DiagnosticCatalog.JsonPointerInvalid.Exception(operation.Location, PatchName, field, text, error);
        }

        private YamlNode Add(YamlNode root, JsonPointer path, YamlNode value)
        {
            if (path.IsRoot)
            {
                return value;
            }

            var token = path.Tokens[^1];
            switch (Parent(root, path, adding: true, "path"))
            {
                case YamlMappingNode map:
                    Set(map, token, value);
                    break;
                case YamlSequenceNode list:
                    list.Children.Insert(Index(list, token, path, adding: true), value);
                    break;
                default:
                    throw DiagnosticCatalog.JsonPatchParentNotFound.Exception(operation.Location, operation.Op, PatchName, resource, path.Text);
            }

            return root;
        }

        private YamlNode Remove(YamlNode root, JsonPointer pointer, string field)
        {
            var token = pointer.Tokens[^1];
            switch (Parent(root, pointer, adding: false, field))
            {
                case YamlMappingNode map when FindKey(map, token) is { } key:
                    var value = map.Children[key];
                    map.Children.Remove(key);
                    return value;
                case YamlSequenceNode list:
                    var index = Index(list, token, pointer, adding: false);
                    var removed = list.Children[index];
                    list.Children.RemoveAt(index);
                    return removed;
                default:
                    throw NotFound(field, pointer);
            }
        }

        private YamlNode Replace(YamlNode root, JsonPointer path, YamlNode value)
        {
            if (path.IsRoot)
            {
                return value;
            }

            var token = path.Tokens[^1];
            switch (Parent(root, path, adding: false, "path"))
            {
                case YamlMappingNode map when FindKey(map, token) is { } key:
                    map.Children[key] = value;
                    break;
                case YamlSequenceNode list:
                    list.Children[Index(list, token, path, adding: false)] = value;
                    break;
                default:
                    throw NotFound("path", path);
            }

            return root;
        }

        private YamlNode Get(YamlNode root, JsonPointer pointer, string field)
        {
            if (pointer.IsRoot)
            {
                return root;
            }

            var token = pointer.Tokens[^1];
            return Parent(root, pointer, adding: false, field) switch
            {
                YamlMappingNode map when FindKey(map, token) is { } key => map.Children[key],
                YamlSequenceNode list => list.Children[Index(list, token, pointer, adding: false)],
                _ => throw NotFound(field, pointer),
            };
        }

        private void Test(YamlNode root, JsonPointer path)
        {
            YamlNode? actual = root;
            for (var i = 0; i < path.Tokens.Count && actual is not null; i++)
            {
                actual = Child(actual, path.Tokens[i]);
            }

            var expected = RequiredValue();
            if (actual is null)
            {
                throw DiagnosticCatalog.JsonPatchTestFailed.Exception(operation.Location, PatchName, resource, path.Text, "does not exist");
            }

            if (!YamlEquivalence.AreEquivalent(actual, expected))
            {
                throw DiagnosticCatalog.JsonPatchTestFailed.Exception(
                    operation.Location, PatchName, resource, path.Text, $"is {Show(actual)}, not {Show(expected)}");
            }
        }

        /// <summary>The node holding the pointer's last token, or <see langword="null"/> when a step on the way is missing.</summary>
        private YamlNode? Parent(YamlNode root, JsonPointer pointer, bool adding, string field)
        {
            var current = root;
            for (var i = 0; i < pointer.Tokens.Count - 1; i++)
            {
                current = Child(current, pointer.Tokens[i])
                    ?? throw (adding
                        ? DiagnosticCatalog.JsonPatchParentNotFound.Exception(operation.Location, operation.Op, PatchName, resource, pointer.Text)
                        : NotFound(field, pointer));
            }

            return current;
        }

        private static YamlNode? Child(YamlNode node, string token) => node switch
        {
            YamlMappingNode map => FindKey(map, token) is { } key ? map.Children[key] : null,
            YamlSequenceNode list when IndexPattern().IsMatch(token)
                && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) =>
                (index < 0 ? index + list.Children.Count : index) is var i and >= 0 && i < list.Children.Count ? list.Children[(int)i] : null,
            _ => null,
        };

        private int Index(YamlSequenceNode list, string token, JsonPointer pointer, bool adding)
        {
            var count = list.Children.Count;
            if (token == "-")
            {
                return adding
                    ? count
                    : throw IndexError(pointer, "'-' names the position after the last element, which holds no value");
            }

            if (!IndexPattern().IsMatch(token) || !long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                throw IndexError(pointer, $"'{token}' is not a number");
            }

            var limit = adding ? count + 1 : count;
            var resolved = index < 0 ? index + limit : index;
            if (resolved < 0 || resolved >= limit)
            {
                throw IndexError(pointer, string.Create(CultureInfo.InvariantCulture, $"the list has {count} element{(count == 1 ? string.Empty : "s")}"));
            }

            return (int)resolved;
        }

        private DiagnosticException IndexError(JsonPointer pointer, string reason) =>
            DiagnosticCatalog.JsonPatchIndexOutOfRange.Exception(operation.Location, operation.Op, PatchName, resource, pointer.Text, reason);

        private DiagnosticException NotFound(string field, JsonPointer pointer) =>
            DiagnosticCatalog.JsonPatchPathNotFound.Exception(operation.Location, operation.Op, PatchName, resource, field, pointer.Text);

        private static void Set(YamlMappingNode map, string token, YamlNode value)
        {
            if (FindKey(map, token) is { } key)
            {
                map.Children[key] = value; // keeps the key where it was
            }
            else
            {
                map.Add(ScalarFactory.String(token), value);
            }
        }

        private static YamlNode? FindKey(YamlMappingNode map, string token)
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is YamlScalarNode scalar && scalar.Value == token)
                {
                    return key;
                }
            }

            return null;
        }

        private static string Show(YamlNode node)
        {
            var text = YamlWriter.WriteNode(node).TrimEnd().Replace("\n", " ", StringComparison.Ordinal);
            return text.Length > 80 ? text[..77] + "..." : text;
        }
    }
}
