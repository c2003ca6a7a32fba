using System.Globalization;
using System.Numerics;
using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>
/// helm's <c>--set</c>, read as helm reads it (<c>pkg/strvals</c>, <c>ParseInto</c>, the same in helm 3.17 and 4.1):
/// the expression is applied to the values below it, so <c>list[1]=x</c> changes one item of a list a lower layer
/// holds, exactly as helm changes a list its <c>-f</c> files hold. Every expression helm rejects is TCR0020, every
/// one it accepts means what it means there, down to the odd cases (<c>noval[0]</c> sets an empty list, <c>=x</c>
/// and <c>a.</c> set nothing, <c>x={}</c> is a list holding one empty string). Values are typed as helm types them
/// (<c>true</c>/<c>false</c>/<c>null</c> in any case, a decimal int64 not starting with <c>0</c>, so <c>+1</c> is 1
/// and <c>0x10</c>, <c>1e3</c> and <c>007</c> are strings), and every key and string is built through
/// <see cref="ScalarFactory"/>, so the values file helm reads (YAML 1.1) means the same: a key <c>on</c> stays
/// the key "on".
/// </summary>
/// <remarks>The facts come from helm's <c>pkg/strvals/parser.go</c> at v3.17.3 and v4.1.4, checked against both binaries.</remarks>
internal sealed class SetValueParser
{
    /// <summary>helm's <c>MaxIndex</c>: the largest list index <c>--set</c> takes.</summary>
    private const int MaxIndex = 65536;

    /// <summary>helm's <c>MaxNestedNameLevel</c>: the most dots one key may have.</summary>
    private const int MaxNestedNameLevel = 30;

    /// <summary>2^53: up to it, every integer is a float64 of its own and prints with its own digits.</summary>
    private static readonly BigInteger ExactFloatLimit = BigInteger.Pow(2, 53);

    private readonly string _expression;
    private int _position;
    private int _listDepth;

    private SetValueParser(string expression) => _expression = expression;

    private enum Outcome
    {
        /// <summary>A pair was read and more may follow.</summary>
        More,

        /// <summary>The expression ended; helm stops here without an error.</summary>
        End,
    }

    private enum ListStart
    {
        List,
        NotList,
        End,
    }

    /// <summary>Parses one <c>--set</c> argument into a new tree.</summary>
    /// <exception cref="DiagnosticException">TCR0020 or TCR0021.</exception>
    public static YamlMappingNode Parse(string expression)
    {
        var root = new YamlMappingNode();
        ParseInto(expression, root);
        return root;
    }

    /// <summary>Applies one <c>--set</c> argument to <paramref name="destination"/>, changing it in place, as helm's <c>ParseInto</c> does.</summary>
    /// <exception cref="DiagnosticException">TCR0020 (helm rejects it) or TCR0021 (an integer a values file cannot carry).</exception>
    public static void ParseInto(string expression, YamlMappingNode destination)
    {
        var parser = new SetValueParser(expression);
        while (parser.Key(destination, 0) == Outcome.More)
        {
        }
    }

    private DiagnosticException Invalid(string reason) => DiagnosticCatalog.SetExpressionInvalid.Exception(_expression, reason);

    private Outcome Key(YamlMappingNode data, int nestedNameLevel)
    {
        var (key, last, end) = RunesUntil('=', '[', ',', '.');
        if (end)
        {
            return key.Length == 0 ? Outcome.End : throw Invalid($"key '{key}' has no value (add =VALUE)");
        }

        switch (last)
        {
            case '[':
                var index = KeyIndex();
                var list = Get(data, key) switch
                {
                    null => new YamlSequenceNode(),
                    YamlSequenceNode existing => existing,
                    var other => throw Holds(key, other, "a list"),
                };
                var outcome = ListItem(list, index, nestedNameLevel);
                Set(data, key, list);
                return outcome;
            case '=':
                switch (ValueList(out var values))
                {
                    case ListStart.List:
                        Set(data, key, values);
                        return Outcome.More;
                    case ListStart.End:
                        Set(data, key, ScalarFactory.String(string.Empty));
                        return Outcome.End;
                    default:
                        Set(data, key, Typed(Value()));
                        return Outcome.More;
                }

            case ',':
                throw Invalid($"key '{key}' has no value (an expression cannot have an empty part between commas)");
            default: // '.'
                if (++nestedNameLevel > MaxNestedNameLevel)
                {
                    throw Invalid($"a key may have at most {MaxNestedNameLevel} dots, as in helm");
                }

                var inner = Get(data, key) switch
                {
                    null => new YamlMappingNode(),
                    YamlMappingNode existing => existing,
                    var other => throw Holds(key, other, "a map"),
                };
                var result = Key(inner, nestedNameLevel);
                if (result == Outcome.More && inner.Children.Count == 0)
                {
                    throw Invalid($"key map '{key}' has no value (an empty name after '{key}.')");
                }

                if (inner.Children.Count != 0)
                {
                    Set(data, key, inner);
                }

                return result;
        }
    }

    private Outcome ListItem(YamlSequenceNode list, int index, int nestedNameLevel)
    {
        if (index < 0)
        {
            throw Invalid($"negative list index {index}");
        }

        var (rest, last, end) = RunesUntil('[', '.', '=');
        if (rest.Length > 0)
        {
            throw Invalid($"unexpected '{rest}' after the list index [{index}] (use [{index}].{rest} for a field of a list item)");
        }

        if (end)
        {
            return Outcome.End;
        }

        switch (last)
        {
            case '=':
                switch (ValueList(out var values))
                {
                    case ListStart.List:
                        SetIndex(list, index, values);
                        break;
                    case ListStart.End:
                        SetIndex(list, index, ScalarFactory.String(string.Empty));
                        break;
                    default:
                        SetIndex(list, index, Typed(Value()));
                        break;
                }

                return Outcome.More;
            case '[':
                // helm bounds dots (MaxNestedNameLevel) but not nested indexes; we build the lists recursively, so the
                // nesting a values file may have bounds them too (30,000 '[0]' overflowed the stack).
                if (++_listDepth > YamlLimits.MaxDepth)
                {
                    throw Invalid($"the key nests lists more than {YamlLimits.MaxDepth} levels deep, as no values file may");
                }

                var nextIndex = KeyIndex();
                var nested = index < list.Children.Count && !IsNull(list.Children[index])
                    ? list.Children[index] as YamlSequenceNode ?? throw Holds($"item {index}", list.Children[index], "a list")
                    : new YamlSequenceNode();
                if (ListItem(nested, nextIndex, nestedNameLevel) == Outcome.End)
                {
                    return Outcome.End;
                }

                SetIndex(list, index, nested);
                return Outcome.More;
            default: // '.'
                YamlMappingNode inner;
                if (index < list.Children.Count)
                {
                    if (list.Children[index] is YamlMappingNode existing)
                    {
                        inner = existing;
                    }
                    else
                    {
                        // helm replaces whatever the item held (indexes given out of order) with an empty map.
                        inner = new YamlMappingNode();
                        list.Children[index] = inner;
                    }
                }
                else
                {
                    inner = new YamlMappingNode();
                }

                if (Key(inner, nestedNameLevel) == Outcome.End)
                {
                    return Outcome.End;
                }

                SetIndex(list, index, inner);
                return Outcome.More;
        }
    }

    private int KeyIndex()
    {
        var (text, _, end) = RunesUntil(']');
        if (end)
        {
            throw Invalid("a list index has no closing ']'");
        }

        // strconv.Atoi: an optional sign and decimal digits, nothing else.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw Invalid($"list index '[{text}]' is not a number");
        }

        return index switch
        {
            < 0 => throw Invalid($"negative list index {index}"),
            > MaxIndex => throw Invalid($"list index {index} is larger than helm's limit of {MaxIndex}"),
            _ => (int)index,
        };
    }

    private ListStart ValueList(out YamlSequenceNode list)
    {
        list = new YamlSequenceNode();
        if (_position >= _expression.Length)
        {
            return ListStart.End;
        }

        if (_expression[_position] != '{')
        {
            return ListStart.NotList;
        }

        _position++;
        while (true)
        {
            var (item, last, end) = RunesUntil(',', '}');
            if (end)
            {
                throw Invalid("a list must end with '}'");
            }

            list.Add(Typed(item));
            if (last == '}')
            {
                // A comma right after the list is consumed; anything else starts the next key.
                if (_position < _expression.Length && _expression[_position] == ',')
                {
                    _position++;
                }

                return ListStart.List;
            }
        }
    }

    private string Value() => RunesUntil(',').Text;

    /// <summary>Reads to the first unescaped stop character (consumed), taking the character after each backslash literally.</summary>
    private (string Text, char Last, bool End) RunesUntil(params ReadOnlySpan<char> stop)
    {
        var text = new StringBuilder();
        while (_position < _expression.Length)
        {
            var c = _expression[_position++];
            if (stop.Contains(c))
            {
                return (text.ToString(), c, false);
            }

            if (c == '\\')
            {
                if (_position >= _expression.Length)
                {
                    break;
                }

                c = _expression[_position++];
            }

            text.Append(c);
        }

        return (text.ToString(), '\0', true);
    }

    /// <summary>helm's typedVal: true/false/null compared with Unicode case folding, and decimal int64 not starting with 0.</summary>
    private YamlScalarNode Typed(string value)
    {
        if (EqualFold(value, "true") || EqualFold(value, "false"))
        {
            return ScalarFactory.Bool(EqualFold(value, "true"));
        }

        if (EqualFold(value, "null"))
        {
            return ScalarFactory.Null();
        }

        // strconv.ParseInt(value, 10, 64): an optional sign, then decimal digits only.
        if ((value == "0" || (value.Length > 0 && value[0] != '0'))
            && value.AsSpan(value[0] is '+' or '-' ? 1 : 0) is { Length: > 0 } digits && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            // Beyond 2^53 the float helm's values file reader makes is another number, or prints as other digits.
            if (BigInteger.Abs(number) > ExactFloatLimit)
            {
                throw DiagnosticCatalog.SetIntegerNotExact.Exception(_expression, number, new BigInteger((double)number));
            }

            return ScalarFactory.Int(number);
        }

        return ScalarFactory.String(value);
    }

    /// <summary>
    /// Go's strings.EqualFold against an ASCII word: besides ASCII case, only the Kelvin sign (U+212A) folds to k and
    /// the long s (U+017F) to s, so helm reads <c>falſe</c> as false.
    /// </summary>
    private static bool EqualFold(string value, string word)
    {
        if (value.Length != word.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i] switch
            {
                '\u212A' => 'k',
                '\u017F' => 's',
                var other => char.ToLowerInvariant(other) is var lower && lower <= '\u007F' ? lower : other,
            };
            if (c != word[i])
            {
                return false;
            }
        }

        return true;
    }

    private DiagnosticException Holds(string key, YamlNode existing, string wanted)
    {
        var what = existing switch
        {
            YamlMappingNode => "a map",
            YamlSequenceNode => "a list",
            YamlScalarNode scalar when IsNull(scalar) => "null",
            _ => "a single value",
        };
        return Invalid($"'{key}' already holds {what} (set earlier in this --set or in the values below it), not {wanted}; helm cannot apply this");
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar);

    /// <summary>A key is a string to helm; lookups go by its text (values files' keys are read as helm reads them, see <see cref="ValuesFileLoader"/>).</summary>
    private static YamlNode? Get(YamlMappingNode data, string key) =>
        data.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>helm's set: an empty key is silently ignored.</summary>
    private static void Set(YamlMappingNode data, string key, YamlNode value)
    {
        if (key.Length == 0)
        {
            return;
        }

        // An existing key keeps its node, and so its style; the indexer would put the given node in its place.
        var probe = new YamlScalarNode(key);
        var existing = data.Children.ContainsKey(probe) ? data.Children.Keys.First(k => k.Equals(probe)) : ScalarFactory.String(key);
        data.Children[existing] = value;
    }

    private static void SetIndex(YamlSequenceNode list, int index, YamlNode value)
    {
        while (list.Children.Count <= index)
        {
            list.Add(ScalarFactory.Null());
        }

        list.Children[index] = value;
    }
}
