using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A Kubernetes label selector in its string form (<c>tier=web,env!=prod</c>, <c>tier in (a,b)</c>,
/// <c>!legacy</c>, <c>weight&gt;3</c>), as kustomize's labelSelector and annotationSelector take it.
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    private enum Operator
    {
        Exists,
        DoesNotExist,
        In,
        NotIn,
        GreaterThan,
        LessThan,
    }

    /// <summary>Parses a selector.</summary>
    /// <exception cref="FormatException">The text is not a valid selector; the message says why.</exception>
    public static LabelSelector Parse(string text) => new(new Parser(text).ParseAll());

    /// <summary>True when every requirement holds for these labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Exists => present,
                Operator.DoesNotExist => !present,
                Operator.In => present && Values.Contains(value!, StringComparer.Ordinal),
                Operator.NotIn => !present || !Values.Contains(value!, StringComparer.Ordinal),
                Operator.GreaterThan => present && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) && g > long.Parse(Values[0], CultureInfo.InvariantCulture),
                Operator.LessThan => present && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l < long.Parse(Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }

    private sealed class Parser(string text)
    {
        private readonly List<string> _tokens = Tokenize(text);
        private int _position;

        public List<Requirement> ParseAll()
        {
            var requirements = new List<Requirement>();
            if (_tokens.Count == 0)
            {
                return requirements;
            }

            while (true)
            {
                requirements.Add(ParseRequirement());
                if (_position == _tokens.Count)
                {
                    return requirements;
                }

                Expect(",");
            }
        }

        private Requirement ParseRequirement()
        {
            if (Peek() == "!")
            {
                _position++;
                return new Requirement(ExpectIdentifier(), Operator.DoesNotExist, []);
            }

            var key = ExpectIdentifier();
            var next = Peek();
            switch (next)
            {
                case null or ",":
                    return new Requirement(key, Operator.Exists, []);
                case "=" or "==":
                    _position++;
                    return new Requirement(key, Operator.In, [ValidValue(ExpectValue(), key)]);
                case "!=":
                    _position++;
                    return new Requirement(key, Operator.NotIn, [ValidValue(ExpectValue(), key)]);
                case ">" or "<":
                    _position++;
                    var number = ExpectValue();
                    if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        throw new FormatException($"'{number}' after '{next}' must be an integer");
                    }

                    return new Requirement(key, next == ">" ? Operator.GreaterThan : Operator.LessThan, [number]);
                case "in" or "notin":
                    _position++;
                    return new Requirement(key, next == "in" ? Operator.In : Operator.NotIn, ParseSet().Select(v => ValidValue(v, key)).ToList());
                default:
                    throw new FormatException($"found '{next}', expected an operator (=, ==, !=, in, notin, >, <) or ','");
            }
        }

        private List<string> ParseSet()
        {
            Expect("(");
            var values = new List<string>();
            while (true)
            {
                var token = Peek();
                if (token == ")" && values.Count == 0)
                {
                    throw new FormatException("a set needs at least one value");
                }

                values.Add(token is "," or ")" ? string.Empty : ExpectValue());
                var separator = Peek();
                _position++;
                if (separator == ")")
                {
                    return values;
                }

                if (separator != ",")
                {
                    throw new FormatException($"found '{separator ?? string.Empty}', expected ',' or ')'");
                }
            }
        }

        private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

        private void Expect(string token)
        {
            var found = Peek();
            if (found != token)
            {
                throw new FormatException($"found '{found ?? string.Empty}', expected '{token}'");
            }

            _position++;
        }

        private string ExpectIdentifier()
        {
            var found = Peek();
            if (found is null || IsSymbol(found))
            {
                throw new FormatException($"found '{found ?? string.Empty}', expected a key");
            }

            _position++;
            return ValidKey(found);
        }

        private string ExpectValue()
        {
            var found = Peek();
            if (found is null || IsSymbol(found))
            {
                // An empty value is allowed (`key=`), as in Kubernetes.
                return string.Empty;
            }

            _position++;
            return found;
        }

        private static bool IsSymbol(string token) => token is "!" or "!=" or "=" or "==" or "(" or ")" or "," or ">" or "<";

        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c) || c is '!' or '=' or '(' or ')' or ',' or '>' or '<')
                {
                    Flush();
                    if (char.IsWhiteSpace(c))
                    {
                        continue;
                    }

                    if ((c == '!' || c == '=') && i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(c == '!' ? "!=" : "==");
                        i++;
                    }
                    else
                    {
                        tokens.Add(c.ToString());
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            Flush();
            return tokens;

            void Flush()
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
        }
    }
    /// <summary>
    /// A key as Kubernetes' labels.Parse accepts it (validation.IsQualifiedName): an optional lowercase DNS-1123
    /// subdomain prefix of at most 253 characters and '/', then a name of at most 63 characters. kustomize parses
    /// annotationSelector with the same parser, so annotation keys and values in selectors are limited alike
    /// (checked with kubectl kustomize v5.5.0).
    /// </summary>
    private static string ValidKey(string key)
    {
        var parts = key.Split('/');
        var name = parts[^1];
        if (parts.Length > 2)
        {
            throw new FormatException($"invalid label key \"{key}\": a qualified name is a name with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        }

        if (parts.Length == 2)
        {
            var prefix = parts[0];
            var why = prefix.Length == 0 ? "must be non-empty"
                : prefix.Length > 253 ? "must be no more than 253 characters"
                : !Dns1123Subdomain().IsMatch(prefix) ? "must be a lowercase DNS-1123 subdomain (e.g. 'example.com')"
                : null;
            if (why is not null)
            {
                throw new FormatException($"invalid label key \"{key}\": prefix part {why}");
            }
        }

        var problem = name.Length == 0 ? "must be non-empty"
            : name.Length > 63 ? "must be no more than 63 characters"
            : !LabelName().IsMatch(name) ? "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
            : null;
        return problem is null ? key : throw new FormatException($"invalid label key \"{key}\": name part {problem}");
    }

    /// <summary>A value as labels.Parse accepts it (validation.IsValidLabelValue): empty, or a name of at most 63 characters.</summary>
    private static string ValidValue(string value, string key) =>
        value.Length > 63 ? throw new FormatException($"invalid label value \"{value}\" at key \"{key}\": must be no more than 63 characters")
        : value.Length > 0 && !LabelName().IsMatch(value) ? throw new FormatException($"invalid label value \"{value}\" at key \"{key}\": must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        : value;

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
}
