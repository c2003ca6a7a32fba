using System.Globalization;
using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>
/// Parses helm's <c>--set</c> syntax into a values tree: <c>a.b=c</c>, several pairs separated by commas,
/// <c>\.</c> and <c>\,</c> escapes, list indexes <c>name[0]</c>, and <c>{x,y}</c> lists. Values are typed as
/// helm types them (<c>true</c>/<c>false</c>, <c>null</c>, integers without a leading zero; everything else
/// a string), and the result is written to the values file with that type made explicit, so no string
/// escaping ever reaches helm's command line.
/// </summary>
internal static class SetValueParser
{
    private const string OptionName = "--set";

    /// <summary>Parses one <c>--set</c> argument into a tree holding every pair it names.</summary>
    public static YamlMappingNode Parse(string expression)
    {
        var root = new YamlMappingNode();
        foreach (var pair in SplitTopLevel(expression, ','))
        {
            var equals = IndexOfUnescaped(pair, '=');
            if (equals <= 0)
            {
                throw Invalid(expression, "expected key=value (for example hubble.relay.enabled=true)");
            }

            var path = ParsePath(pair[..equals], expression);
            if (path.Count > YamlLimits.MaxDepth)
            {
                // Every later step walks the values recursively; the same limit as for a values file keeps them safe.
                throw Invalid(expression, $"the key nests {path.Count} levels deep; values may nest at most {YamlLimits.MaxDepth}");
            }

            var value = ParseValue(pair[(equals + 1)..]);
            Assign(root, path, value, expression);
        }

        return root;
    }

    private static DiagnosticException Invalid(string expression, string reason) =>
        DiagnosticCatalog.InvalidOption.Exception(OptionName, expression, reason);

    private static List<object> ParsePath(string key, string expression)
    {
        // Segments are strings (map keys) or ints (list indexes).
        var segments = new List<object>();
        var current = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == '\\' && i + 1 < key.Length)
            {
                current.Append(key[++i]);
            }
            else if (c == '.')
            {
                FlushKey();
            }
            else if (c == '[')
            {
                FlushKey();
                var close = key.IndexOf(']', i);
                if (close < 0 || !int.TryParse(key.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw Invalid(expression, $"list index in '{key}' must be a non-negative number in brackets, like containers[0]");
                }

                segments.Add(index);
                i = close;
            }
            else
            {
                current.Append(c);
            }
        }

        FlushKey();
        if (segments.Count == 0 || segments[0] is int)
        {
            throw Invalid(expression, "the key must start with a name");
        }

        return segments;

        void FlushKey()
        {
            if (current.Length > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static YamlNode ParseValue(string raw)
    {
        if (raw.StartsWith('{') && raw.EndsWith('}'))
        {
            var list = new YamlSequenceNode();
            var inner = raw[1..^1];
            if (inner.Length > 0)
            {
                foreach (var item in SplitTopLevel(inner, ','))
                {
                    list.Add(TypedScalar(Unescape(item)));
                }
            }

            return list;
        }

        return TypedScalar(Unescape(raw));
    }

    /// <summary>helm's strvals typing: booleans and null case-insensitively, int64 without a leading zero.</summary>
    private static YamlScalarNode TypedScalar(string value)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return ScalarFactory.Bool(value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (value.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return ScalarFactory.Null();
        }

        if ((value == "0" || (value.Length > 0 && value[0] != '0'))
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && !value.StartsWith('+'))
        {
            return ScalarFactory.Int(number);
        }

        return ScalarFactory.String(value);
    }

    private static void Assign(YamlMappingNode root, List<object> path, YamlNode value, string expression)
    {
        YamlNode container = root;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            var next = last ? null : path[i + 1];
            YamlNode Create() => next is int ? new YamlSequenceNode() : new YamlMappingNode();

            switch (path[i], container)
            {
                case (string key, YamlMappingNode map):
                    if (last)
                    {
                        map.Children[new YamlScalarNode(key)] = value;
                    }
                    else
                    {
                        var child = map.Get(key);
                        if (child is null || (next is int ? child is not YamlSequenceNode : child is not YamlMappingNode))
                        {
                            child = Create();
                            map.Children[new YamlScalarNode(key)] = child;
                        }

                        container = child;
                    }

                    break;
                case (int index, YamlSequenceNode list):
                    if (index > 65536)
                    {
                        throw Invalid(expression, $"list index {index} is too large");
                    }

                    while (list.Children.Count <= index)
                    {
                        list.Add(ScalarFactory.Null());
                    }

                    if (last)
                    {
                        list.Children[index] = value;
                    }
                    else
                    {
                        var child = list.Children[index];
                        if (next is int ? child is not YamlSequenceNode : child is not YamlMappingNode)
                        {
                            child = Create();
                            list.Children[index] = child;
                        }

                        container = child;
                    }

                    break;
                default:
                    throw Invalid(expression, "the key mixes list indexes and names in a way helm cannot apply");
            }
        }
    }

    private static IEnumerable<string> SplitTopLevel(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    if (text[i] == separator && depth == 0)
                    {
                        yield return text[start..i];
                        start = i + 1;
                    }

                    break;
            }
        }

        yield return text[start..];
    }

    private static int IndexOfUnescaped(string text, char c)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is ',' or '.' or '=' or '{' or '}' or '[' or ']' or '\\')
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
