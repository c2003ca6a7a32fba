using System.Globalization;
using System.Text;

namespace TalosCiliumRender.Core.Kustomize;

/// <summary>
/// A Kubernetes label selector in its string form (<c>tier=web,env!=prod</c>, <c>tier in (a,b)</c>,
/// <c>!legacy</c>, <c>weight&gt;3</c>), as kustomize's labelSelector and annotationSelector take it.
/// </summary>
internal sealed class LabelSelector
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
                    return new Requirement(key, Operator.In, [ExpectValue()]);
                case "!=":
                    _position++;
                    return new Requirement(key, Operator.NotIn, [ExpectValue()]);
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
                    return new Requirement(key, next == "in" ? Operator.In : Operator.NotIn, ParseSet());
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
            return found;
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
}
