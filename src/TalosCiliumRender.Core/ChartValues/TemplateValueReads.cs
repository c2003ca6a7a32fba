using System.Collections.Frozen;
using TalosCiliumRender.Core.Stability;

namespace TalosCiliumRender.Core.ChartValues;

/// <summary>
/// Which values a chart's templates can read, found without rendering: an abstract interpretation of the Go
/// templates that follows <c>.Values</c> through the dot (<c>with</c>, <c>range</c>), variables, <c>include</c> and
/// <c>template</c> arguments, lists and dicts, and the functions that look keys up (<c>index</c>, <c>get</c>,
/// <c>hasKey</c>, <c>dig</c>, <c>pluck</c>, <c>unset</c>).
/// </summary>
/// <remarks>
/// It errs towards reading more, never less: a values sub-tree that reaches anything the analysis cannot follow
/// (<c>toYaml</c>, <c>range</c>, <c>keys</c>, a key computed at render time, a function it does not know) is free-form:
/// every key below it counts as read. Scopes are merged and the analysis is flow-insensitive, so a variable holds
/// everything ever assigned to it anywhere in its unit. That keeps a valid values file from ever being rejected;
/// typos below a free-form sub-tree are the price.
/// </remarks>
internal sealed class TemplateValueReads
{
    private const int MaxPathLength = 40;
    private const int MaxPasses = 40;
    private const int MaxNesting = 100;

    /// <summary>Functions whose result is one of their arguments (or holds them): values flow through.</summary>
    private static readonly FrozenSet<string> PassThrough = FrozenSet.ToFrozenSet(
    [
        "default", "coalesce", "and", "or", "required", "first", "mustFirst", "last", "mustLast", "rest", "mustRest",
        "initial", "mustInitial", "merge", "mustMerge", "mergeOverwrite", "mustMergeOverwrite", "deepCopy", "mustDeepCopy",
        "reverse", "mustReverse", "without", "mustWithout", "slice", "mustSlice",
    ], StringComparer.Ordinal);

    /// <summary>helm's built-in objects on the root context.</summary>
    private static readonly FrozenSet<string> BuiltInObjects = FrozenSet.ToFrozenSet(
        ["Values", "Release", "Chart", "Capabilities", "Template", "Files", "Subcharts"], StringComparer.Ordinal);

    /// <summary>Functions that build a list or dict holding their arguments.</summary>
    private static readonly FrozenSet<string> Containers = FrozenSet.ToFrozenSet(
        ["list", "tuple", "dict", "append", "mustAppend", "push", "mustPush", "prepend", "mustPrepend", "concat"], StringComparer.Ordinal);

    /// <summary>
    /// Functions that look at a value itself and not at keys below it (comparisons, text, numbers, tests), so a map
    /// given to them is not thereby read key by key. Anything not here, not a look-up and not in the lists above
    /// makes its arguments free-form.
    /// </summary>
    private static readonly FrozenSet<string> Scalar = FrozenSet.ToFrozenSet(
    [
        "eq", "ne", "lt", "le", "gt", "ge", "not", "empty", "len", "kindIs", "kindOf", "typeIs", "typeIsLike", "typeOf", "deepEqual",
        "print", "printf", "println", "quote", "squote", "cat", "indent", "nindent", "trim", "trimAll", "trimPrefix", "trimSuffix",
        "upper", "lower", "title", "untitle", "repeat", "substr", "trunc", "abbrev", "abbrevboth", "initials", "wrap", "wrapWith",
        "contains", "hasPrefix", "hasSuffix", "replace", "plural", "snakecase", "camelcase", "kebabcase", "swapcase", "shuffle",
        "regexMatch", "mustRegexMatch", "regexFind", "mustRegexFind", "regexFindAll", "mustRegexFindAll", "regexReplaceAll",
        "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta",
        "split", "splitList", "splitn", "join", "sortAlpha", "has", "mustHas", "uniq", "mustUniq", "compact", "mustCompact",
        "toString", "toStrings", "toDecimal", "int", "int64", "float64", "atoi", "add", "add1", "sub", "mul", "div", "mod", "max",
        "min", "maxf", "minf", "addf", "add1f", "subf", "mulf", "divf", "floor", "ceil", "round", "until", "untilStep", "seq",
        "b64enc", "b64dec", "b32enc", "b32dec", "sha1sum", "sha256sum", "sha512sum", "adler32sum", "htmlDate", "htmlDateInZone",
        "date", "dateInZone", "dateModify", "mustDateModify", "duration", "durationRound", "toDate", "mustToDate", "unixEpoch",
        "now", "ago", "semver", "semverCompare", "genCA", "genCAWithKey", "genSignedCert", "genSignedCertWithKey",
        "genSelfSignedCert", "genSelfSignedCertWithKey", "genPrivateKey", "buildCustomCert", "derivePassword", "encryptAES",
        "decryptAES", "randAlphaNum", "randAlpha", "randNumeric", "randAscii", "randBytes", "randInt", "uuidv4", "htpasswd", "bcrypt",
        "fail", "urlquery", "urlParse", "urlJoin", "html", "js", "call", "base", "dir", "ext", "clean", "isAbs", "osBase", "osDir",
        "osExt", "osClean", "osIsAbs", "env", "expandenv", "getHostByName", "lookup", "fromYaml", "fromYamlArray", "fromJson",
        "fromJsonArray", "mustFromJson", "nospace", "fromToml",
    ], StringComparer.Ordinal);

    private readonly List<Unit> _units = [];
    private readonly Dictionary<string, List<Unit>> _defines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reads = new(StringComparer.Ordinal);
    private bool _inRefusal;
    private int _nesting;
    private readonly HashSet<string> _freeForm = new(StringComparer.Ordinal);
    private bool _changed;

    /// <summary>The joined form of a path (segments separated by <see cref="Separator"/>; the values root is empty).</summary>
    internal const char Separator = '\n';

    /// <summary>Reads the templates (and any template text found in values) of one chart.</summary>
    /// <param name="templates">Template path → text; every file is a root unit whose dot is the chart's root context.</param>
    /// <returns>The paths read and the paths whose every key counts as read, both joined with <see cref="Separator"/>.</returns>
    public static (IReadOnlySet<string> Reads, IReadOnlySet<string> FreeForm) Analyze(IEnumerable<KeyValuePair<string, string>> templates)
    {
        var analysis = new TemplateValueReads();
        foreach (var (path, text) in templates.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            foreach (var unit in TemplateStatements.Parse(path, text))
            {
                analysis.Add(new Unit(unit));
            }
        }

        analysis.Run();

        // A helper nothing here calls (a library chart's, one called from tpl or with a computed name) is assumed to get
        // the root context, so its .Values reads count.
        foreach (var unit in analysis._units.Where(u => u.Input.IsEmpty))
        {
            unit.Input.Root = true;
        }

        analysis.Run();

        // Keys read only to refuse them ({{ if hasKey .Values "tunnel" }}{{ fail "…removed…" }}) are keys the chart no
        // longer uses: the chart fails only in some configurations and ignores them silently in all others.
        return (analysis._reads, analysis._freeForm);
    }

    private void Run()
    {
        // Sets only grow over a finite alphabet (paths are bounded in length), so this ends; the bound is a safety net.
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            _changed = false;
            foreach (var unit in _units)
            {
                Evaluate(unit);
            }

            if (!_changed)
            {
                break;
            }
        }
    }

    private void Add(Unit unit)
    {
        _units.Add(unit);
        if (unit.Text.IsFile)
        {
            unit.Input.Root = true;
            return;
        }

        if (!_defines.TryGetValue(unit.Text.Name, out var list))
        {
            _defines[unit.Text.Name] = list = [];
        }

        list.Add(unit);
    }

    private void Evaluate(Unit unit)
    {
        // Each frame holds the dot inside a block and the dot outside it (for else).
        var frames = new Stack<(AbstractValue Dot, AbstractValue Outer)>();
        frames.Push((unit.Input, unit.Input));
        var statements = unit.Text.Statements;
        for (var index = 0; index < statements.Count; index++)
        {
            var statement = statements[index];
            var (dot, outer) = frames.Peek();
            var tokens = statement.Tokens;
            switch (statement.Kind)
            {
                case TemplateStatementKind.If:
                    Condition(tokens, dot, unit, RefusesIn(statements, index));
                    frames.Push((dot, dot));
                    break;
                case TemplateStatementKind.ElseIf:
                    Condition(tokens, outer, unit, RefusesIn(statements, index));
                    frames.Pop();
                    frames.Push((outer, outer));
                    break;
                case TemplateStatementKind.With:
                {
                    var (variables, start) = TemplateStatements.SplitDeclaration(tokens);
                    var value = Evaluate(tokens, start, tokens.Length, dot, unit);
                    foreach (var variable in variables)
                    {
                        Bind(unit, variable, value);
                    }

                    frames.Push((value, dot));
                    break;
                }

                case TemplateStatementKind.ElseWith:
                {
                    var value = Evaluate(tokens, 0, tokens.Length, outer, unit);
                    frames.Pop();
                    frames.Push((value, outer));
                    break;
                }

                case TemplateStatementKind.Range:
                {
                    var (variables, start) = TemplateStatements.SplitDeclaration(tokens);
                    var element = Elements(Evaluate(tokens, start, tokens.Length, dot, unit));
                    if (variables.Count > 0)
                    {
                        Bind(unit, variables[^1], element);
                    }

                    frames.Push((element, dot));
                    break;
                }

                case TemplateStatementKind.Else:
                    frames.Pop();
                    frames.Push((outer, outer));
                    break;
                case TemplateStatementKind.End:
                    if (frames.Count > 1)
                    {
                        frames.Pop();
                    }

                    break;
                case TemplateStatementKind.Template:
                    Call(statement.Name!, Evaluate(tokens, 0, tokens.Length, dot, unit));
                    break;
                case TemplateStatementKind.Pipeline:
                {
                    var (variables, start) = TemplateStatements.SplitDeclaration(tokens);
                    var value = Evaluate(tokens, start, tokens.Length, dot, unit);
                    foreach (var variable in variables)
                    {
                        Bind(unit, variable, value);
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Evaluates a condition; when the branch it guards only fails the render, what it reads is a refusal, not a use.</summary>
    private void Condition(TemplateToken[] tokens, AbstractValue dot, Unit unit, bool refuses)
    {
        _inRefusal = refuses;
        try
        {
            Evaluate(tokens, 0, tokens.Length, dot, unit);
        }
        finally
        {
            _inRefusal = false;
        }
    }

    /// <summary>True when the branch that starts after statement <paramref name="index"/> calls <c>fail</c> at its own level and writes nothing.</summary>
    private static bool RefusesIn(IReadOnlyList<TemplateStatement> statements, int index)
    {
        var depth = 0;
        var fails = false;
        for (var i = index + 1; i < statements.Count; i++)
        {
            var statement = statements[i];
            switch (statement.Kind)
            {
                case TemplateStatementKind.If or TemplateStatementKind.With or TemplateStatementKind.Range:
                    depth++;
                    break;
                case TemplateStatementKind.End when depth == 0:
                case TemplateStatementKind.Else or TemplateStatementKind.ElseIf or TemplateStatementKind.ElseWith when depth == 0:
                    return fails;
                case TemplateStatementKind.End:
                    depth--;
                    break;
                case TemplateStatementKind.Text when statement.HasContent:
                    return false;
                case TemplateStatementKind.Pipeline when depth == 0 && statement.Tokens.Any(t => t is { Kind: TemplateTokenKind.Identifier, Text: "fail" }):
                    fails = true;
                    break;
            }
        }

        return false;
    }

    /// <summary>What a range hands its body: the items of a list or dict built in the template; nothing for values (which become free-form).</summary>
    private AbstractValue Elements(AbstractValue collection)
    {
        MakeFreeForm(collection.Paths);
        return collection.Container ? collection.Contents() : AbstractValue.None;
    }

    /// <summary>The value of a pipeline: commands separated by <c>|</c>, each command's value the last argument of the next.</summary>
    private AbstractValue Evaluate(TemplateToken[] tokens, int start, int end, AbstractValue dot, Unit unit)
    {
        AbstractValue? piped = null;
        var commandStart = start;
        var depth = 0;
        for (var i = start; i <= end; i++)
        {
            if (i < end)
            {
                depth += tokens[i].Kind switch
                {
                    TemplateTokenKind.LeftParen => 1,
                    TemplateTokenKind.RightParen => -1,
                    _ => 0,
                };
                if (depth > 0 || tokens[i].Kind != TemplateTokenKind.Pipe)
                {
                    continue;
                }
            }

            piped = Command(tokens, commandStart, i, dot, unit, piped);
            commandStart = i + 1;
        }

        return piped ?? AbstractValue.None;
    }

    private AbstractValue Command(TemplateToken[] tokens, int start, int end, AbstractValue dot, Unit unit, AbstractValue? piped)
    {
        var operands = TemplateStatements.Operands(tokens, start, end, int.MaxValue);
        if (operands.Count == 0)
        {
            return piped ?? AbstractValue.None;
        }

        var first = tokens[operands[0].Start];
        if (first.Kind == TemplateTokenKind.Identifier && operands[0].End - operands[0].Start == 1 && first.Text is not ("true" or "false" or "nil"))
        {
            var arguments = new List<Argument>();
            foreach (var (s, e) in operands.Skip(1))
            {
                arguments.Add(Operand(tokens, s, e, dot, unit));
            }

            if (piped is not null)
            {
                arguments.Add(new Argument(piped, null));
            }

            return Function(first.Text, arguments);
        }

        var result = AbstractValue.None;
        foreach (var (s, e) in operands)
        {
            result = result.Union(Operand(tokens, s, e, dot, unit).Value);
        }

        if (piped is not null)
        {
            // A pipe into something that is not a function is an error in Go templates; count what it carries as read.
            MakeFreeForm(piped);
        }

        return result;
    }

    private Argument Operand(TemplateToken[] tokens, int start, int end, AbstractValue dot, Unit unit)
    {
        var token = tokens[start];
        switch (token.Kind)
        {
            case TemplateTokenKind.Dot:
                return new Argument(dot, null);
            case TemplateTokenKind.Field:
                return new Argument(Fields(dot, token.Fields), null);
            case TemplateTokenKind.Variable:
                var variable = token.Text == "$" ? unit.Input : unit.Variables.GetValueOrDefault(token.Text) ?? AbstractValue.None;
                return new Argument(Fields(variable, token.Fields), null);
            case TemplateTokenKind.String:
                return new Argument(AbstractValue.None, token.Text);
            case TemplateTokenKind.LeftParen when _nesting >= MaxNesting:
                // Deeper than any real template (text/template itself refuses far less): what it reads cannot be told, so
                // every key counts as read rather than risk the stack.
                MakeFreeForm(string.Empty);
                return new Argument(AbstractValue.None, null);
            case TemplateTokenKind.LeftParen:
                var close = TemplateStatements.MatchParen(tokens, start, end);
                _nesting++;
                AbstractValue inner;
                try
                {
                    inner = Evaluate(tokens, start + 1, close, dot, unit);
                }
                finally
                {
                    _nesting--;
                }

                return close + 1 < end && tokens[close + 1] is { Kind: TemplateTokenKind.Field, Chained: true }
                    ? new Argument(Fields(inner, tokens[close + 1].Fields), null)
                    : new Argument(inner, null);
            case TemplateTokenKind.Identifier when token.Text is not ("true" or "false" or "nil"):
                // A function without arguments used as an operand: (list), dict.
                return new Argument(Function(token.Text, []), null);
            default:
                return new Argument(AbstractValue.None, token.Kind == TemplateTokenKind.Other ? token.Text : null);
        }
    }

    private AbstractValue Function(string name, List<Argument> arguments)
    {
        switch (name)
        {
            case "include" or "template":
                if (arguments is [{ Literal: { } callee }, var argument, ..])
                {
                    Call(callee, argument.Value);
                }
                else
                {
                    // A computed template name: whatever values it is given may be read in any way. The root context
                    // needs nothing: every file is analysed with it, and so is every helper nothing else calls.
                    foreach (var passed in arguments.Skip(1))
                    {
                        MakeFreeForm(passed.Value.Paths);
                    }
                }

                return AbstractValue.None;
            case "tpl":
                // The text is evaluated at render time; the context is the chart's own, never a values sub-tree here.
                return AbstractValue.None;
            case "index" or "get" when arguments.Count >= 1:
                return LookUp(arguments[0].Value, arguments.Skip(1).ToList());
            case "hasKey" or "unset" when arguments.Count == 2:
                LookUp(arguments[0].Value, [arguments[1]]);
                return name == "unset" ? arguments[0].Value : AbstractValue.None;
            case "dig" when arguments.Count >= 3:
                // dig "a" "b" default map
                return LookUp(arguments[^1].Value, arguments.Take(arguments.Count - 2).ToList()).Union(arguments[^2].Value);
            case "pluck" when arguments.Count >= 2:
                var plucked = AbstractValue.None;
                foreach (var source in arguments.Skip(1))
                {
                    plucked = plucked.Union(LookUp(source.Value, [arguments[0]]));
                }

                return plucked.AsContainer();
            case "set" when arguments.Count == 3:
                // A value stored into a dict the analysis does not track: it may be read in any way.
                MakeFreeForm(arguments[2].Value);
                return arguments[0].Value;
            case "ternary" when arguments.Count == 3:
                return arguments[0].Value.Union(arguments[1].Value);
        }

        if (PassThrough.Contains(name))
        {
            return arguments.Aggregate(AbstractValue.None, (all, a) => all.Union(a.Value));
        }

        if (Containers.Contains(name))
        {
            return arguments.Aggregate(AbstractValue.None, (all, a) => all.Union(a.Value.Container ? a.Value.Contents() : a.Value)).AsContainer();
        }

        if (!Scalar.Contains(name))
        {
            MakeFreeForm(arguments);
        }

        return AbstractValue.None;
    }

    /// <summary><c>index v "a" "b"</c>: literal keys extend the path; any other key reads every key of what it is applied to.</summary>
    private AbstractValue LookUp(AbstractValue value, List<Argument> keys)
    {
        var current = value;
        foreach (var key in keys)
        {
            if (key.Literal is null || key.Value.Root || key.Value.Paths.Count > 0 || key.Value.Container)
            {
                MakeFreeForm(current);
                return AbstractValue.None;
            }

            if (current.Container)
            {
                // An item of a list or dict built in the template: any of its contents.
                current = current.Contents();
                continue;
            }

            current = Fields(current, [key.Literal]);
        }

        return current;
    }

    /// <summary>A field chain applied to a value: <c>.Values.a.b</c> on the root context, <c>.a.b</c> on a values sub-tree.</summary>
    private AbstractValue Fields(AbstractValue value, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0)
        {
            return value;
        }

        var result = new AbstractValue();
        if (value.Root && fields[0] == "Values")
        {
            // .Values.AsMap is helm's method for the same map.
            var rest = fields.Count > 1 && fields[1] == "AsMap" ? fields.Skip(2).ToArray() : fields.Skip(1).ToArray();
            result.Paths.Add(Extend(string.Empty, rest, isRoot: true));
        }

        foreach (var path in value.Paths)
        {
            // A built-in object's name on a values sub-tree comes from merging the root context with values in one
            // abstract value ((index . 0).Values on list $ .Values.x): it is the root's field, not a values key.
            if (!BuiltInObjects.Contains(fields[0]))
            {
                result.Paths.Add(Extend(path, fields, isRoot: path.Length == 0));
            }
        }

        if (value.Container)
        {
            // The first field picks an entry of a dict built in the template.
            result = result.Union(Fields(value.Contents(), fields.Skip(1).ToArray()));
        }

        return result;
    }

    private string Extend(string path, IReadOnlyList<string> fields, bool isRoot)
    {
        var current = path;
        var length = isRoot ? 0 : path.Count(c => c == Separator) + 1;
        foreach (var field in fields)
        {
            if (length >= MaxPathLength)
            {
                // Deeper than any chart's values: read in any way.
                MakeFreeForm(current);
                break;
            }

            current = length == 0 ? field : current + Separator + field;
            length++;
            if (!_inRefusal)
            {
                _changed |= _reads.Add(current);
            }
        }

        return current;
    }

    private void Call(string name, AbstractValue argument)
    {
        if (!_defines.TryGetValue(name, out var callees))
        {
            return;
        }

        foreach (var callee in callees)
        {
            _changed |= callee.Input.AddFrom(argument);
        }
    }

    private void Bind(Unit unit, string variable, AbstractValue value)
    {
        if (!unit.Variables.TryGetValue(variable, out var bound))
        {
            unit.Variables[variable] = bound = new AbstractValue();
        }

        _changed |= bound.AddFrom(value);
    }

    private void MakeFreeForm(IEnumerable<Argument> arguments)
    {
        foreach (var argument in arguments)
        {
            MakeFreeForm(argument.Value);
        }
    }

    private void MakeFreeForm(AbstractValue value)
    {
        if (value.Root)
        {
            // The whole root context handed on: .Values with it. Only a free-form .Values is safe then.
            MakeFreeForm(string.Empty);
        }

        MakeFreeForm(value.Paths);
    }

    private void MakeFreeForm(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            MakeFreeForm(path);
        }
    }

    private void MakeFreeForm(string path) => _changed |= _freeForm.Add(path);

    /// <summary>An operand's value, and its text when it is a literal (a string, a number).</summary>
    private readonly record struct Argument(AbstractValue Value, string? Literal);

    /// <summary>What a template value may be: the chart's root context, values sub-trees (by path), or a list/dict built in the template that holds such values.</summary>
    private sealed class AbstractValue
    {
        /// <summary>A value that holds nothing the analysis follows (a string, a number, a function's text result).</summary>
        public static AbstractValue None => new();

        public bool Root { get; set; }

        /// <summary>True when this is a list or dict built in the template, whose items are <see cref="Root"/> and <see cref="Paths"/>.</summary>
        public bool Container { get; private set; }

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => !Root && !Container && Paths.Count == 0;

        public AbstractValue Union(AbstractValue other)
        {
            if (other.IsEmpty)
            {
                return this;
            }

            var result = new AbstractValue { Root = Root || other.Root, Container = Container || other.Container };
            result.Paths.UnionWith(Paths);
            result.Paths.UnionWith(other.Paths);
            return result;
        }

        /// <summary>The items of a list/dict built in the template.</summary>
        public AbstractValue Contents()
        {
            var result = new AbstractValue { Root = Root };
            result.Paths.UnionWith(Paths);
            return result;
        }

        public AbstractValue AsContainer()
        {
            var result = new AbstractValue { Root = Root, Container = true };
            result.Paths.UnionWith(Paths);
            return result;
        }

        /// <summary>Adds what <paramref name="other"/> may be; true when that grew this value.</summary>
        public bool AddFrom(AbstractValue other)
        {
            var grew = false;
            if (other.Root && !Root)
            {
                Root = true;
                grew = true;
            }

            if (other.Container && !Container)
            {
                Container = true;
                grew = true;
            }

            foreach (var path in other.Paths)
            {
                grew |= Paths.Add(path);
            }

            return grew;
        }
    }

    private sealed class Unit(TemplateUnit text)
    {
        public TemplateUnit Text { get; } = text;

        public Dictionary<string, AbstractValue> Variables { get; } = new(StringComparer.Ordinal);

        /// <summary>What callers pass in as the dot (and <c>$</c>); the root context for a file.</summary>
        public AbstractValue Input { get; } = new();
    }
}
