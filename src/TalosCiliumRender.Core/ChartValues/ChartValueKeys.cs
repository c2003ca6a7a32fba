using System.Text.Json;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// The keys one chart can read, as a tree: every key of its <c>values.yaml</c> (commented-out ones included), of its
/// <c>values.schema.json</c> and every key its templates read. A free-form node accepts any key below it (a map the
/// chart hands whole to <c>toYaml</c> or <c>range</c>, such as a node selector).
/// </summary>
internal sealed class ChartValueKeys
{
    private readonly Node _root;

    private ChartValueKeys(Node root) => _root = root;

    /// <summary>Builds the tree from paths.</summary>
    /// <param name="known">Paths of keys the chart can read (their parents are implied).</param>
    /// <param name="freeForm">Paths below which every key counts as read; an empty path makes every key readable.</param>
    /// <returns>The tree.</returns>
    public static ChartValueKeys Build(IEnumerable<IReadOnlyList<string>> known, IEnumerable<IReadOnlyList<string>> freeForm)
    {
        var root = new Node();
        foreach (var path in known)
        {
            root.Add(path);
        }

        foreach (var path in freeForm)
        {
            var node = root.Add(path);
            node.FreeForm = true;

            // Below a free-form key nothing is looked up: keeping it would only grow the cached record.
            node.Children.Clear();
        }

        return new ChartValueKeys(root);
    }

    /// <summary>The node at <paramref name="path"/>, or null when the chart cannot read that key.</summary>
    /// <param name="path">Keys from the values root.</param>
    /// <returns>The node; <see cref="Node.FreeForm"/> says whether any key below it is readable.</returns>
    public Node? Find(IReadOnlyList<string> path)
    {
        var node = _root;
        foreach (var key in path)
        {
            if (node.FreeForm)
            {
                return node;
            }

            if (!node.Children.TryGetValue(key, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    /// <summary>The root of the tree.</summary>
    public Node Root => _root;

    /// <summary>Every readable key path that is not below a free-form node, parents first (for tests and suggestions).</summary>
    /// <returns>The paths.</returns>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var pending = new Stack<(Node Node, string[] Path)>();
        pending.Push((_root, []));
        while (pending.Count > 0)
        {
            var (node, path) = pending.Pop();
            if (path.Length > 0)
            {
                yield return path;
            }

            if (node.FreeForm)
            {
                continue;
            }

            foreach (var (key, child) in node.Children.OrderByDescending(c => c.Key, StringComparer.Ordinal))
            {
                pending.Push((child, [.. path, key]));
            }
        }
    }

    /// <summary>The tree as JSON: each node an object of its children; a free-form node has the member <c>"*": true</c> first.</summary>
    /// <param name="writer">Where to write.</param>
    public void Write(Utf8JsonWriter writer)
    {
        var pending = new Stack<(Node Node, int Child)>();
        writer.WriteStartObject();
        WriteHeader(_root);
        pending.Push((_root, 0));
        var ordered = new Dictionary<Node, KeyValuePair<string, Node>[]>(ReferenceEqualityComparer.Instance);
        while (pending.Count > 0)
        {
            var (node, index) = pending.Pop();
            if (!ordered.TryGetValue(node, out var children))
            {
                ordered[node] = children = node.Children.OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
            }

            if (index == children.Length)
            {
                writer.WriteEndObject();
                ordered.Remove(node);
                continue;
            }

            pending.Push((node, index + 1));
            var (key, child) = children[index];
            writer.WritePropertyName(key);
            writer.WriteStartObject();
            WriteHeader(child);
            pending.Push((child, 0));
        }

        void WriteHeader(Node node)
        {
            if (node.FreeForm)
            {
                writer.WriteBoolean("*", true);
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="InvalidDataException">The JSON is not such a tree.</exception>
    public static ChartValueKeys Read(JsonElement element)
    {
        var root = new Node();
        var pending = new Stack<(JsonElement Element, Node Node)>();
        pending.Push((element, root));
        while (pending.Count > 0)
        {
            var (json, node) = pending.Pop();
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("a key node that is not an object");
            }

            foreach (var member in json.EnumerateObject())
            {
                if (member.Name == "*" && member.Value.ValueKind == JsonValueKind.True)
                {
                    node.FreeForm = true;
                    continue;
                }

                var child = new Node();
                node.Children[member.Name] = child;
                pending.Push((member.Value, child));
            }
        }

        return new ChartValueKeys(root);
    }

    /// <summary>One key of the tree.</summary>
    internal sealed class Node
    {
        /// <summary>The keys below this one.</summary>
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        /// <summary>True when any key below this one is readable.</summary>
        public bool FreeForm { get; set; }

        /// <summary>Adds the path below this node and returns its last node.</summary>
        /// <param name="path">Keys from this node.</param>
        /// <returns>The node of the last key.</returns>
        public Node Add(IReadOnlyList<string> path)
        {
            var node = this;
            foreach (var key in path)
            {
                if (!node.Children.TryGetValue(key, out var child))
                {
                    node.Children[key] = child = new Node();
                }

                node = child;
            }

            return node;
        }
    }
}
