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
        foreach (var unit in TemplateStatements.Parse(path, text))
        {
            AddUnit(new Unit(unit));
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
                case TemplateStatementKind.Text:
                    if (statement.HasContent)
                    {
                        Add(unit.Output, top.Condition);
                    }

                    break;
                case TemplateStatementKind.If:
                    frames.Push(new TaintScope([.. top.Condition, .. Conditional(Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit))], [.. top.Dot]));
                    break;
                case TemplateStatementKind.With or TemplateStatementKind.Range:
                    var (variables, expression) = TemplateStatements.SplitDeclaration(statement.Tokens);
                    var value = Taint(statement.Tokens, expression, statement.Tokens.Length, top, unit);
                    foreach (var variable in variables)
                    {
                        AddVariable(unit, variable, value);
                    }

                    frames.Push(new TaintScope([.. top.Condition, .. Conditional(value)], [.. value]));
                    break;
                case TemplateStatementKind.ElseIf:
                    top.Condition.UnionWith(Conditional(Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit)));
                    break;
                case TemplateStatementKind.ElseWith:
                    var alternative = Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit);
                    top.Condition.UnionWith(Conditional(alternative));
                    top.Dot.Clear();
                    top.Dot.UnionWith(alternative);
                    break;
                case TemplateStatementKind.End:
                    if (frames.Count > 1)
                    {
                        frames.Pop();
                    }

                    break;
                case TemplateStatementKind.Template:
                    var argument = Taint(statement.Tokens, 0, statement.Tokens.Length, top, unit);
                    Add(unit.Output, Invoke(statement.Name!, argument));
                    Add(unit.Output, top.Condition);
                    break;
                case TemplateStatementKind.Pipeline:
                    var (assigned, start) = TemplateStatements.SplitDeclaration(statement.Tokens);
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
                        var operands = TemplateStatements.Operands(tokens, i + 1, end, 3);
                        if (operands.Count == 3 && operands[1].End - operands[1].Start == 1 && tokens[operands[1].Start].Kind == TemplateTokenKind.String)
                        {
                            AddField(tokens[operands[1].Start].Text, Taint(tokens, operands[2].Start, operands[2].End, frame, unit));
                        }
                    }
                    else if (token.Text == "dict")
                    {
                        var operands = TemplateStatements.Operands(tokens, i + 1, end, int.MaxValue);
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
            var close = TemplateStatements.MatchParen(tokens, next, end);
            name = ResolveBasePath(tokens, next + 1, close, unit);
            argumentStart = Math.Min(end, close + 1);
        }
        else
        {
            argumentStart = next + 1;
        }

        var argument = TemplateStatements.Operands(tokens, argumentStart, end, 1) is [var operand] ? Taint(tokens, operand.Start, operand.End, frame, unit) : [];
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

    private sealed record TaintScope(HashSet<string> Condition, HashSet<string> Dot);

    private sealed class Unit(TemplateUnit text)
    {
        public string Name => text.Name;

        public bool IsFile => text.IsFile;

        public string? TemplateDirectory => text.TemplateDirectory;

        public IReadOnlyList<TemplateStatement> Statements => text.Statements;

        public Dictionary<string, HashSet<string>> Variables { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Output { get; } = new(StringComparer.Ordinal);

        /// <summary>What callers pass in as the dot (and <c>$</c>).</summary>
        public HashSet<string> Input { get; } = new(StringComparer.Ordinal);
    }
}
