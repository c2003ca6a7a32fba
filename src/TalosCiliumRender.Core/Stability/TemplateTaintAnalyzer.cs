namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// Finds, without rendering, which chart templates can write something that changes on every render: a
/// small taint analysis over the Go templates. Sources are the functions in
/// <see cref="TemplateFunctions.NonIdempotent"/>; taint flows through variables, through fields stored
/// with <c>set</c> or <c>dict</c> (Cilium keeps its CA in <c>.commonCA</c>), through <c>include</c> and
/// <c>template</c> (both ways: arguments in, output out), and through conditions into what they guard
/// (except the clock: see <see cref="TemplateFunctions.Clock"/>).
/// </summary>
/// <remarks>
/// It is deliberately conservative (flow-insensitive, scopes merged) and only decides which templates
/// deserve a closer look: the guard confirms with a second render before it reports anything. A value only
/// used for validation, like Cilium's <c>validateDuration</c> calling <c>now</c>, reaches no output and is
/// not flagged, which keeps the common case at one render.
/// </remarks>
internal sealed class TemplateTaintAnalyzer
{
    private readonly Dictionary<string, List<Unit>> _named = new(StringComparer.Ordinal);
    private readonly List<Unit> _units = [];
    private readonly Dictionary<string, HashSet<string>> _fields = new(StringComparer.Ordinal);
    private bool _changed;

    private enum StatementKind
    {
        Text,
        If,
        ElseIf,
        Else,
        With,
        ElseWith,
        Range,
        End,
        Template,
        Pipeline,
    }

    /// <summary>Analyses every template of a chart.</summary>
    /// <param name="files">Template file path (as in helm's <c># Source:</c> comments) → text.</param>
    /// <returns>For each file, the non-idempotent functions that can reach its output.</returns>
    public static ChartTemplateScan Analyze(IReadOnlyDictionary<string, string> files)
    {
        var analyzer = new TemplateTaintAnalyzer();
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            analyzer.Load(path, text);
        }

        // Monotone sets over a finite alphabet: this reaches a fixed point; the bound is a safety net.
        for (var pass = 0; pass < 64; pass++)
        {
            analyzer._changed = false;
            foreach (var unit in analyzer._units)
            {
                analyzer.Evaluate(unit);
            }

            if (!analyzer._changed)
            {
                break;
            }
        }

        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var unit in analyzer._units.Where(u => u.IsFile && u.Output.Count > 0))
        {
            result[unit.Name] = new SortedSet<string>(unit.Output, StringComparer.Ordinal);
        }

        return new ChartTemplateScan(result);
    }

    private void Load(string path, string text)
    {
        var templateDirectory = TemplateDirectory(path);
        var current = AddUnit(new Unit(path, IsFile: true, templateDirectory));
        var depth = 0;
        var outer = new Stack<(Unit Unit, int Depth)>();
        foreach (var segment in GoTemplateLexer.Split(text))
        {
            if (!segment.IsAction)
            {
                current.Statements.Add(new Statement(StatementKind.Text, [], null, !string.IsNullOrWhiteSpace(segment.Text)));
                continue;
            }

            var tokens = GoTemplateLexer.Tokenize(segment.Text).ToArray();
            var keyword = tokens.Length > 0 && tokens[0].Kind == TemplateTokenKind.Identifier ? tokens[0].Text : null;
            var name = tokens.Length > 1 && tokens[1].Kind == TemplateTokenKind.String ? tokens[1].Text : null;
            switch (keyword)
            {
                case "define" when name is not null:
                    outer.Push((current, depth));
                    current = AddUnit(new Unit(name, IsFile: false, templateDirectory));
                    depth = 0;
                    break;
                case "block" when name is not null:
                    current.Statements.Add(new Statement(StatementKind.Template, tokens[2..], name));
                    outer.Push((current, depth));
                    current = AddUnit(new Unit(name, IsFile: false, templateDirectory));
                    depth = 0;
                    break;
                case "end" when depth == 0 && outer.Count > 0:
                    (current, depth) = outer.Pop();
                    break;
                case "end":
                    depth = Math.Max(0, depth - 1);
                    current.Statements.Add(new Statement(StatementKind.End, [], null));
                    break;
                case "if":
                    depth++;
                    current.Statements.Add(new Statement(StatementKind.If, tokens[1..], null));
                    break;
                case "with":
                    depth++;
                    current.Statements.Add(new Statement(StatementKind.With, tokens[1..], null));
                    break;
                case "range":
                    depth++;
                    current.Statements.Add(new Statement(StatementKind.Range, tokens[1..], null));
                    break;
                case "else" when tokens.Length > 1 && tokens[1] is { Kind: TemplateTokenKind.Identifier, Text: "if" }:
                    current.Statements.Add(new Statement(StatementKind.ElseIf, tokens[2..], null));
                    break;
                case "else" when tokens.Length > 1 && tokens[1] is { Kind: TemplateTokenKind.Identifier, Text: "with" }:
                    current.Statements.Add(new Statement(StatementKind.ElseWith, tokens[2..], null));
                    break;
                case "else":
                    current.Statements.Add(new Statement(StatementKind.Else, [], null));
                    break;
                case "template" when name is not null:
                    current.Statements.Add(new Statement(StatementKind.Template, tokens[2..], name));
                    break;
                case "break" or "continue":
                    break;
                default:
                    current.Statements.Add(new Statement(StatementKind.Pipeline, tokens, null));
                    break;
            }
        }
    }

    private Unit AddUnit(Unit unit)
    {
        _units.Add(unit);
        if (!_named.TryGetValue(unit.Name, out var list))
        {
            _named[unit.Name] = list = [];
        }

        list.Add(unit);
        return unit;
    }

    private void Evaluate(Unit unit)
    {
        var frames = new Stack<TaintScope>();
        frames.Push(new TaintScope([], [.. unit.Input]));
        foreach (var statement in unit.Statements)
        {
            var top = frames.Peek();
            switch (statement.Kind)
            {
                case StatementKind.Text:
                    if (statement.HasContent)
                    {
                        Add(unit.Output, top.Condition);
                    }

                    break;
                case StatementKind.If:
                    frames.Push(new TaintScope([.. top.Condition, .. Conditional(Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit))], [.. top.Dot]));
                    break;
                case StatementKind.With or StatementKind.Range:
                    var (variables, expression) = SplitDeclaration(statement.Tokens);
                    var value = Taint(statement.Tokens, expression, statement.Tokens.Length, top, unit);
                    foreach (var variable in variables)
                    {
                        AddVariable(unit, variable, value);
                    }

                    frames.Push(new TaintScope([.. top.Condition, .. Conditional(value)], [.. value]));
                    break;
                case StatementKind.ElseIf:
                    top.Condition.UnionWith(Conditional(Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit)));
                    break;
                case StatementKind.ElseWith:
                    var alternative = Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit);
                    top.Condition.UnionWith(Conditional(alternative));
                    top.Dot.Clear();
                    top.Dot.UnionWith(alternative);
                    break;
                case StatementKind.End:
                    if (frames.Count > 1)
                    {
                        frames.Pop();
                    }

                    break;
                case StatementKind.Template:
                    var argument = Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit);
                    Add(unit.Output, Invoke(statement.Name!, argument));
                    Add(unit.Output, top.Condition);
                    break;
                case StatementKind.Pipeline:
                    var (assigned, start) = SplitDeclaration(statement.Tokens);
                    var taint = Taint(statement.Tokens, start, statement.Tokens.Length, top, unit);
                    if (assigned.Count > 0)
                    {
                        foreach (var variable in assigned)
                        {
                            AddVariable(unit, variable, taint);
                        }
                    }
                    else
                    {
                        Add(unit.Output, taint);
                        Add(unit.Output, top.Condition);
                    }

                    break;
            }
        }
    }

    /// <summary>What a condition passes on to the output it guards: everything but the clock (see <see cref="TemplateFunctions.Clock"/>).</summary>
    private static IEnumerable<string> Conditional(HashSet<string> taint) => taint.Where(f => !TemplateFunctions.Clock.Contains(f));

    /// <summary>The functions that can reach the value of tokens[start..end], noting fields stored along the way.</summary>
    private HashSet<string> Taint(TemplateToken[] tokens, int start, int end, TaintScope frame, Unit unit)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TemplateTokenKind.Identifier:
                    if (TemplateFunctions.NonIdempotent.Contains(token.Text))
                    {
                        result.Add(token.Text);
                    }

                    if (token.Text is "include" or "template")
                    {
                        result.UnionWith(Include(tokens, i + 1, end, frame, unit));
                    }
                    else if (token.Text == "set")
                    {
                        var operands = Operands(tokens, i + 1, end, 3);
                        if (operands.Count == 3 && operands[1].End - operands[1].Start == 1 && tokens[operands[1].Start].Kind == TemplateTokenKind.String)
                        {
                            AddField(tokens[operands[1].Start].Text, Taint(tokens, operands[2].Start, operands[2].End, frame, unit));
                        }
                    }
                    else if (token.Text == "dict")
                    {
                        var operands = Operands(tokens, i + 1, end, int.MaxValue);
                        for (var pair = 0; pair + 1 < operands.Count; pair += 2)
                        {
                            var key = operands[pair];
                            if (key.End - key.Start != 1 || tokens[key.Start].Kind != TemplateTokenKind.String)
                            {
                                break;
                            }

                            AddField(tokens[key.Start].Text, Taint(tokens, operands[pair + 1].Start, operands[pair + 1].End, frame, unit));
                        }
                    }

                    break;
                case TemplateTokenKind.Variable:
                    if (token.Text == "$")
                    {
                        result.UnionWith(unit.Input);
                    }
                    else if (unit.Variables.TryGetValue(token.Text, out var variable))
                    {
                        result.UnionWith(variable);
                    }

                    AddFieldTaint(result, token.Fields);
                    break;
                case TemplateTokenKind.Field:
                    AddFieldTaint(result, token.Fields);
                    result.UnionWith(frame.Dot);
                    break;
                case TemplateTokenKind.Dot:
                    result.UnionWith(frame.Dot);
                    break;
            }
        }

        return result;
    }

    private HashSet<string> Include(TemplateToken[] tokens, int next, int end, TaintScope frame, Unit unit)
    {
        if (next >= end)
        {
            return AnyOutput();
        }

        string? name = null;
        int argumentStart;
        if (tokens[next].Kind == TemplateTokenKind.String)
        {
            name = tokens[next].Text;
            argumentStart = next + 1;
        }
        else if (tokens[next].Kind == TemplateTokenKind.LeftParen)
        {
            var close = MatchParen(tokens, next, end);
            name = ResolveBasePath(tokens, next + 1, close, unit);
            argumentStart = Math.Min(end, close + 1);
        }
        else
        {
            argumentStart = next + 1;
        }

        var argument = Operands(tokens, argumentStart, end, 1) is [var operand] ? Taint(tokens, operand.Start, operand.End, frame, unit) : [];
        return name is null ? AnyOutput() : Invoke(name, argument);
    }

    private HashSet<string> Invoke(string name, HashSet<string> argument)
    {
        var output = new HashSet<string>(StringComparer.Ordinal);
        if (!_named.TryGetValue(name, out var units))
        {
            return output;
        }

        foreach (var callee in units)
        {
            Add(callee.Input, argument);
            output.UnionWith(callee.Output);
        }

        return output;
    }

    /// <summary><c>(print $.Template.BasePath "/x.yaml")</c> → the path of that template file.</summary>
    private static string? ResolveBasePath(TemplateToken[] tokens, int start, int end, Unit unit)
    {
        var usesBasePath = false;
        string? suffix = null;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind is TemplateTokenKind.Variable or TemplateTokenKind.Field && token.Fields is [.., "Template", "BasePath"])
            {
                usesBasePath = true;
            }
            else if (token.Kind == TemplateTokenKind.String && token.Text.StartsWith('/'))
            {
                suffix = token.Text;
            }
        }

        return usesBasePath && suffix is not null && unit.TemplateDirectory is { } directory ? directory + suffix : null;
    }

    private HashSet<string> AnyOutput()
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in _units)
        {
            all.UnionWith(unit.Output);
        }

        return all;
    }

    /// <summary>Splits <c>$a := …</c>, <c>$a = …</c> and <c>$i, $v := …</c> into the variables and where the expression starts.</summary>
    private static (IReadOnlyList<string> Variables, int ExpressionStart) SplitDeclaration(TemplateToken[] tokens)
    {
        var variables = new List<string>();
        var i = 0;
        while (i < tokens.Length && tokens[i] is { Kind: TemplateTokenKind.Variable, Fields.Count: 0 })
        {
            variables.Add(tokens[i].Text);
            i++;
            if (i < tokens.Length && tokens[i] is { Kind: TemplateTokenKind.Other, Text: "," })
            {
                i++;
                continue;
            }

            break;
        }

        return i < tokens.Length && tokens[i].Kind == TemplateTokenKind.Assign ? (variables, i + 1) : ([], 0);
    }

    /// <summary>Up to <paramref name="count"/> operands from <paramref name="start"/>: single tokens or parenthesised groups; stops at a pipe or a closing parenthesis.</summary>
    private static List<(int Start, int End)> Operands(TemplateToken[] tokens, int start, int end, int count)
    {
        var operands = new List<(int Start, int End)>();
        var i = start;
        while (i < end && operands.Count < count && tokens[i].Kind is not (TemplateTokenKind.Pipe or TemplateTokenKind.RightParen))
        {
            var operandEnd = tokens[i].Kind == TemplateTokenKind.LeftParen ? Math.Min(end, MatchParen(tokens, i, end) + 1) : i + 1;
            operands.Add((i, operandEnd));
            i = operandEnd;
        }

        return operands;
    }

    private static int MatchParen(TemplateToken[] tokens, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            depth += tokens[i].Kind switch
            {
                TemplateTokenKind.LeftParen => 1,
                TemplateTokenKind.RightParen => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        return end;
    }

    private void AddFieldTaint(HashSet<string> result, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            if (_fields.TryGetValue(field, out var taint))
            {
                result.UnionWith(taint);
            }
        }
    }

    private void AddField(string name, HashSet<string> taint)
    {
        if (taint.Count == 0)
        {
            return;
        }

        if (!_fields.TryGetValue(name, out var set))
        {
            _fields[name] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        Add(set, taint);
    }

    private void AddVariable(Unit unit, string name, HashSet<string> taint)
    {
        if (!unit.Variables.TryGetValue(name, out var set))
        {
            unit.Variables[name] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        Add(set, taint);
    }

    private void Add(HashSet<string> target, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            _changed |= target.Add(item);
        }
    }

    private static string? TemplateDirectory(string path)
    {
        var index = path.LastIndexOf("/templates/", StringComparison.Ordinal);
        return index < 0 ? null : path[..(index + "/templates".Length)];
    }

    private sealed record Statement(StatementKind Kind, TemplateToken[] Tokens, string? Name, bool HasContent = false);

    private sealed record TaintScope(HashSet<string> Condition, HashSet<string> Dot);

    private sealed record Unit(string Name, bool IsFile, string? TemplateDirectory)
    {
        public List<Statement> Statements { get; } = [];

        public Dictionary<string, HashSet<string>> Variables { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Output { get; } = new(StringComparer.Ordinal);

        /// <summary>What callers pass in as the dot (and <c>$</c>).</summary>
        public HashSet<string> Input { get; } = new(StringComparer.Ordinal);
    }
}
