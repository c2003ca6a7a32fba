using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Patching;

/// <summary>
/// JSON 6902 patches applied directly to YAML trees, so untouched values keep their styles and keys their order,
/// with the semantics kustomize 5.5 gives them: evanphx/json-patch v4 (patch.go), which departs from RFC 6902 in
/// its corners. <c>replace</c> of a missing key of an existing mapping adds it; <c>test</c> of a missing (or null)
/// value passes when the value tested for is <c>null</c>; negative list indexes count from the end (<c>-1</c> is the
/// last element; for <c>add</c>, the end); indexes are read as Go's <c>strconv.Atoi</c> reads them (<c>01</c>, <c>+1</c>);
/// a null on the way is a missing parent; <c>add</c>, <c>remove</c>, <c>move</c> and <c>copy</c> cannot name the whole
/// document (<c>""</c>), <c>replace</c> and <c>test</c> can.
/// </summary>
/// <remarks>
/// With <c>asKustomize</c> the quieter habits are reproduced too: a pointer is split at <c>/</c> and its first
/// segment dropped unread (<c>spec/replicas</c> names the top-level <c>replicas</c>), an escape other than
/// <c>~0</c>/<c>~1</c> is kept literally, <c>add</c>/<c>replace</c> without <c>value</c> write null, a <c>copy</c> from a missing
/// key writes null, and a malformed operation fails only when it is applied (an operation whose target matches
/// nothing is never checked). Patching a render (<c>asKustomize: false</c>) refuses those instead (TCR2020,
/// TCR2022, TCR2023), since nobody writes them on purpose. Both verified against <c>kubectl kustomize</c>
/// (Kustomize v5.5.0); each corner is an own conformance case.
/// </remarks>
internal static partial class JsonPatch
{
    private static readonly string[] KnownOperations = ["add", "remove", "replace", "move", "copy", "test"];

    /// <summary>Reads a JSON patch: a list of operations, written in YAML or JSON.</summary>
    /// <param name="text">The patch body.</param>
    /// <param name="origin">The file it came from, named in diagnostics with line and column.</param>
    /// <param name="asKustomize">
    /// Check only the shape kustomize checks when it loads a patch (a list of mappings); each operation's fields are
    /// checked when it is applied. Otherwise every operation is checked here, strictly.
    /// </param>
    /// <exception cref="DiagnosticException">TCR2020-TCR2022 for a malformed patch, TCR3001/TCR3002 for malformed YAML or JSON.</exception>
    public static IReadOnlyList<JsonPatchOperation> Parse(string text, string? origin, bool asKustomize = false)
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

            var operation = new JsonPatchOperation(Text(map.Get("op")), PointerText(map.Get("path")), PointerText(map.Get("from")), map.Get("value"), location);
            if (!asKustomize)
            {
                Validate(operation, number, map, origin, patchName);
            }

            operations.Add(operation with { From = operation.Op is "move" or "copy" ? operation.From : null, Value = operation.Op is "add" or "replace" or "test" ? operation.Value : null });
        }

        return operations;
    }

    /// <summary>Applies operations in order.</summary>
    /// <param name="document">The resource; changed in place.</param>
    /// <param name="operations">The operations, usually from <see cref="Parse"/>.</param>
    /// <param name="resourceDescription">The resource, as named in messages (<c>Deployment/ns/name</c>).</param>
    /// <param name="asKustomize">Reproduce kustomize's quieter habits (see the type's remarks) instead of refusing them.</param>
    /// <returns>The document, or the value that replaced it (a <c>replace</c> of the empty pointer).</returns>
    /// <exception cref="DiagnosticException">TCR2020-TCR2027 when an operation cannot be applied.</exception>
    public static YamlNode Apply(YamlNode document, IReadOnlyList<JsonPatchOperation> operations, string? resourceDescription, bool asKustomize = false)
    {
        var root = document;
        foreach (var operation in operations)
        {
            root = new Application(operation, resourceDescription ?? "the resource", asKustomize).Run(root);
        }

        return root;
    }

    /// <summary>The strict checks of one operation, as written: what patching a render refuses before applying anything.</summary>
    private static void Validate(JsonPatchOperation operation, int number, YamlMappingNode map, string? origin, string patchName)
    {
        var location = operation.Location;
        var op = operation.Op
            ?? throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} has no 'op'");
        if (!KnownOperations.Contains(op))
        {
            throw DiagnosticCatalog.JsonPatchUnknownOperation.Exception(YamlReader.Locate(origin, map.Get("op")!.Start), patchName, op);
        }

        var path = RequiredPointer(map, "path", op, number, location, origin, patchName);
        if (op is "move" or "copy")
        {
            RequiredPointer(map, "from", op, number, location, origin, patchName);
        }

        if (operation.Value is null && op is "add" or "replace" or "test")
        {
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(
                location, patchName, $"operation {number} ('{op}' of '{path}') has no 'value'; write 'value: null' to set null");
        }

        if (op == "remove" && path.Length == 0)
        {
            throw DiagnosticCatalog.JsonPatchMalformed.Exception(location, patchName, $"operation {number} removes the whole document");
        }
    }

    private static string RequiredPointer(
        YamlMappingNode map, string field, string op, int number, SourceLocation location, string? origin, string patchName)
    {
        var node = map.Get(field);
        var text = node is YamlScalarNode scalar && !(scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any && GoYamlDialect.IsNull(scalar))
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

    private static string? PointerText(YamlNode? node) =>
        node is YamlScalarNode scalar && !(scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any && GoYamlDialect.IsNull(scalar))
            ? scalar.Value ?? string.Empty
            : null;

    private static string? Text(YamlNode? node) =>
        node is YamlScalarNode scalar && !GoYamlDialect.IsNull(scalar) ? scalar.Value : null;

    /// <summary>A list index as Go's <c>strconv.Atoi</c> reads it: an optional sign and decimal digits, within 64 bits.</summary>
    [GeneratedRegex("^[+-]?[0-9]+$")]
    private static partial Regex IndexPattern();

    private static bool TryIndex(string token, out long index)
    {
        index = 0;
        return IndexPattern().IsMatch(token) && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index);
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar);

    /// <summary>One operation being applied; carries what every message needs.</summary>
    private sealed class Application(JsonPatchOperation operation, string resource, bool asKustomize)
    {
        private string PatchName => operation.Location.File ?? "(inline patch)";

        private string Op => operation.Op ?? string.Empty;

        public YamlNode Run(YamlNode root)
        {
            switch (operation.Op)
            {
                case "add":
                    return Add(root, Location(operation.Path, "path"), YamlNodes.DeepClone(ValueOrNull()));
                case "remove":
                    Remove(root, Location(operation.Path, "path"), "path");
                    return root;
                case "replace":
                    return Replace(root);
                case "move":
                    return Move(root);
                case "copy":
                    return Copy(root);
                case "test":
                    Test(root);
                    return root;
                case null:
                    throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, "an operation has no 'op'");
                default:
                    throw DiagnosticCatalog.JsonPatchUnknownOperation.Exception(operation.Location, PatchName, operation.Op);
            }
        }

        /// <summary>
        /// The value of add and replace; without one, kustomize writes null (the operation's missing value marshals
        /// as null), which patching a render refuses.
        /// </summary>
        private YamlNode ValueOrNull() =>
            operation.Value ?? (asKustomize
                ? ScalarFactory.Null()
                : throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, $"'{Op}' of '{operation.Path}' has no 'value'; write 'value: null' to set null"));

        private YamlNode Replace(YamlNode root)
        {
            var value = YamlNodes.DeepClone(ValueOrNull());
            if (operation.Path == string.Empty)
            {
                // evanphx/json-patch v4.12 wraps a nil error here (pkg/errors' Wrapf(nil) is nil), so kustomize quietly
                // keeps the document when the new one is a scalar or null.
                return value is YamlMappingNode or YamlSequenceNode
                    ? value
                    : asKustomize ? root : throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, "'replace' of the whole document ('') needs a mapping or list as its value");
            }

            var path = Location(operation.Path, "path");
            switch (Parent(root, path, "path"))
            {
                case YamlMappingNode map:
                    // evanphx/json-patch v4 replaces into a mapping without looking for the key, so a missing key is added.
                    Set(map, path.Key, value);
                    break;
                case YamlSequenceNode list:
                    list.Children[Index(list, path, adding: false)] = value;
                    break;
            }

            return root;
        }

        private YamlNode Move(YamlNode root)
        {
            var from = Location(operation.From, "from");
            var path = Location(operation.Path, "path");
            if (path.IsInside(from))
            {
                throw DiagnosticCatalog.JsonPatchMoveIntoChild.Exception(operation.Location, PatchName, from.Text, path.Text, resource);
            }

            if (from.SameAs(path))
            {
                return Get(root, from, "from") is null ? throw NotFound("from", from.Text) : root;
            }

            return Add(root, path, Remove(root, from, "from"));
        }

        private YamlNode Copy(YamlNode root)
        {
            var from = Location(operation.From, "from");
            var value = Get(root, from, "from");
            if (value is null)
            {
                // kustomize copies a missing key as null; a render refuses a copy that copies nothing.
                value = asKustomize ? ScalarFactory.Null() : throw NotFound("from", from.Text);
            }

            return Add(root, Location(operation.Path, "path"), YamlNodes.DeepClone(value));
        }

        private void Test(YamlNode root)
        {
            YamlNode? actual;
            if (operation.Path == string.Empty)
            {
                actual = root;
            }
            else
            {
                var path = Location(operation.Path, "path");
                actual = Get(root, path, "path");
                if (actual is not null && IsNull(actual))
                {
                    actual = null;
                }
            }

            var expected = operation.Value
                ?? throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, $"'test' of '{operation.Path}' has no 'value'; write 'value: null' to test for a missing or null value");
            if (actual is null)
            {
                // A missing or null value passes a test for null (evanphx/json-patch v4 treats both as nil).
                if (IsNull(expected))
                {
                    return;
                }

                throw DiagnosticCatalog.JsonPatchTestFailed.Exception(operation.Location, PatchName, resource, operation.Path ?? string.Empty, "does not exist");
            }

            if (!YamlEquivalence.AreEquivalent(actual, expected))
            {
                throw DiagnosticCatalog.JsonPatchTestFailed.Exception(
                    operation.Location, PatchName, resource, operation.Path ?? string.Empty, $"is {Show(actual)}, not {Show(expected)}");
            }
        }

        private YamlNode Add(YamlNode root, JsonPointer path, YamlNode value)
        {
            switch (Parent(root, path, "path", adding: true))
            {
                case YamlMappingNode map:
                    Set(map, path.Key, value);
                    break;
                case YamlSequenceNode list:
                    list.Children.Insert(Index(list, path, adding: true), value);
                    break;
            }

            return root;
        }

        private YamlNode Remove(YamlNode root, JsonPointer pointer, string field)
        {
            switch (Parent(root, pointer, field))
            {
                case YamlMappingNode map when FindKey(map, pointer.Key) is { } key:
                    var value = map.Children[key];
                    map.Children.Remove(key);
                    return value;
                case YamlSequenceNode list:
                    var index = Index(list, pointer, adding: false);
                    var removed = list.Children[index];
                    list.Children.RemoveAt(index);
                    return removed;
                default:
                    throw NotFound(field, pointer.Text);
            }
        }

        /// <summary>The value at the pointer; <see langword="null"/> for a missing key of an existing mapping.</summary>
        private YamlNode? Get(YamlNode root, JsonPointer pointer, string field) => Parent(root, pointer, field) switch
        {
            YamlMappingNode map => FindKey(map, pointer.Key) is { } key ? map.Children[key] : null,
            YamlSequenceNode list => list.Children[Index(list, pointer, adding: false)],
            _ => null,
        };

        /// <summary>
        /// The mapping or list that holds the pointer's last token. A missing step, a null or a scalar on the way,
        /// or a pointer that names the whole document, is an error.
        /// </summary>
        private YamlNode Parent(YamlNode root, JsonPointer pointer, string field, bool adding = false)
        {
            var current = root;
            for (var i = 0; i < pointer.Parents.Count && current is not null; i++)
            {
                current = Child(current, pointer.Parents[i]);
            }

            if (current is YamlMappingNode or YamlSequenceNode)
            {
                return current;
            }

            throw adding
                ? DiagnosticCatalog.JsonPatchParentNotFound.Exception(operation.Location, Op, PatchName, resource, pointer.Text)
                : NotFound(field, pointer.Text);
        }

        private static YamlNode? Child(YamlNode node, string token)
        {
            var child = node switch
            {
                YamlMappingNode map => FindKey(map, token) is { } key ? map.Children[key] : null,
                YamlSequenceNode list when TryIndex(token, out var index) =>
                    (index < 0 ? index + list.Children.Count : index) is var i and >= 0 && i < list.Children.Count ? list.Children[(int)i] : null,
                _ => null,
            };
            return child is not null && IsNull(child) ? null : child;
        }

        /// <summary>
        /// A pointer as this operation reads it. The empty pointer (the whole document) is refused here: only replace
        /// and test take it, and they handle it before. kustomize splits at '/' and drops the first segment unread;
        /// a render takes RFC 6901 pointers only.
        /// </summary>
        private JsonPointer Location(string? text, string field)
        {
            if (text is null)
            {
                throw DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, $"'{Op}' has no '{field}'");
            }

            JsonPointer pointer;
            if (asKustomize)
            {
                pointer = JsonPointer.ParseAsKustomize(text);
            }
            else if (!JsonPointer.TryParse(text, out pointer, out var error))
            {
                throw DiagnosticCatalog.JsonPointerInvalid.Exception(operation.Location, PatchName, field, text, error);
            }

            if (pointer.IsRoot)
            {
                throw text.Length == 0
                    ? DiagnosticCatalog.JsonPatchMalformed.Exception(operation.Location, PatchName, $"'{Op}' cannot name the whole document (the empty {field}); only 'replace' and 'test' can")
                    : DiagnosticCatalog.JsonPointerInvalid.Exception(operation.Location, PatchName, field, text, "it does not start with '/'");
            }

            return pointer;
        }

        private int Index(YamlSequenceNode list, JsonPointer pointer, bool adding)
        {
            var count = list.Children.Count;
            var token = pointer.Key;
            if (token == "-")
            {
                return adding
                    ? count
                    : throw IndexError(pointer, "'-' names the position after the last element, which holds no value");
            }

            if (!TryIndex(token, out var index))
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
            DiagnosticCatalog.JsonPatchIndexOutOfRange.Exception(operation.Location, Op, PatchName, resource, pointer.Text, reason);

        private DiagnosticException NotFound(string field, string pointer) =>
            DiagnosticCatalog.JsonPatchPathNotFound.Exception(operation.Location, Op, PatchName, resource, field, pointer);

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
