namespace TalosCiliumRender.Core.Stability;

/// <summary>The statement kinds the static template analyses tell apart.</summary>
internal enum TemplateStatementKind
{
    /// <summary>Literal text between actions.</summary>
    Text,

    /// <summary><c>if</c>.</summary>
    If,

    /// <summary><c>else if</c>.</summary>
    ElseIf,

    /// <summary><c>else</c>.</summary>
    Else,

    /// <summary><c>with</c>.</summary>
    With,

    /// <summary><c>else with</c>.</summary>
    ElseWith,

    /// <summary><c>range</c>.</summary>
    Range,

    /// <summary>The <c>end</c> of an <c>if</c>, <c>with</c> or <c>range</c>.</summary>
    End,

    /// <summary><c>template "name" arg</c> (and the call a <c>block</c> makes).</summary>
    Template,

    /// <summary>Any other action: a pipeline, possibly assigned to variables.</summary>
    Pipeline,
}

/// <summary>One statement of a template unit.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Tokens">The tokens after the keyword (all of them for a pipeline).</param>
/// <param name="Name">The template a <see cref="TemplateStatementKind.Template"/> statement calls.</param>
/// <param name="HasContent">For text: true when it is not only whitespace.</param>
internal sealed record TemplateStatement(TemplateStatementKind Kind, TemplateToken[] Tokens, string? Name, bool HasContent = false);

/// <summary>A template file's top level, or one <c>define</c>/<c>block</c> body, as statements.</summary>
/// <param name="Name">The file path (as in helm's <c># Source:</c> comments) or the defined name.</param>
/// <param name="IsFile">True for a file's top level.</param>
/// <param name="TemplateDirectory">The <c>…/templates</c> folder the file is in, for <c>$.Template.BasePath</c>.</param>
/// <param name="Statements">The statements, in order.</param>
internal sealed record TemplateUnit(string Name, bool IsFile, string? TemplateDirectory, IReadOnlyList<TemplateStatement> Statements);

/// <summary>
/// Go template text as units of statements: the one statement-level reading that the static analyses (generated
/// material, values read) share. Like the lexer it never fails: what it does not understand becomes a pipeline.
/// </summary>
internal static class TemplateStatements
{
    /// <summary>The units of one template file: its top level first, then each <c>define</c> and <c>block</c> in it.</summary>
    /// <param name="path">The file's path, which names its top-level unit.</param>
    /// <param name="text">The template text.</param>
    /// <returns>The units.</returns>
    public static IReadOnlyList<TemplateUnit> Parse(string path, string text)
    {
        var templateDirectory = TemplateDirectory(path);
        var units = new List<TemplateUnit>();
        var current = new List<TemplateStatement>();
        units.Add(new TemplateUnit(path, IsFile: true, templateDirectory, current));
        var depth = 0;
        var outer = new Stack<(List<TemplateStatement> Unit, int Depth)>();
        foreach (var segment in GoTemplateLexer.Split(text))
        {
            if (!segment.IsAction)
            {
                current.Add(new TemplateStatement(TemplateStatementKind.Text, [], null, !string.IsNullOrWhiteSpace(segment.Text)));
                continue;
            }

            var tokens = GoTemplateLexer.Tokenize(segment.Text).ToArray();
            var keyword = tokens.Length > 0 && tokens[0].Kind == TemplateTokenKind.Identifier ? tokens[0].Text : null;
            var name = tokens.Length > 1 && tokens[1].Kind == TemplateTokenKind.String ? tokens[1].Text : null;
            switch (keyword)
            {
                case "define" when name is not null:
                    outer.Push((current, depth));
                    current = [];
                    units.Add(new TemplateUnit(name, IsFile: false, templateDirectory, current));
                    depth = 0;
                    break;
                case "block" when name is not null:
                    current.Add(new TemplateStatement(TemplateStatementKind.Template, tokens[2..], name));
                    outer.Push((current, depth));
                    current = [];
                    units.Add(new TemplateUnit(name, IsFile: false, templateDirectory, current));
                    depth = 0;
                    break;
                case "end" when depth == 0 && outer.Count > 0:
                    (current, depth) = outer.Pop();
                    break;
                case "end":
                    depth = Math.Max(0, depth - 1);
                    current.Add(new TemplateStatement(TemplateStatementKind.End, [], null));
                    break;
                case "if":
                    depth++;
                    current.Add(new TemplateStatement(TemplateStatementKind.If, tokens[1..], null));
                    break;
                case "with":
                    depth++;
                    current.Add(new TemplateStatement(TemplateStatementKind.With, tokens[1..], null));
                    break;
                case "range":
                    depth++;
                    current.Add(new TemplateStatement(TemplateStatementKind.Range, tokens[1..], null));
                    break;
                case "else" when tokens.Length > 1 && tokens[1] is { Kind: TemplateTokenKind.Identifier, Text: "if" }:
                    current.Add(new TemplateStatement(TemplateStatementKind.ElseIf, tokens[2..], null));
                    break;
                case "else" when tokens.Length > 1 && tokens[1] is { Kind: TemplateTokenKind.Identifier, Text: "with" }:
                    current.Add(new TemplateStatement(TemplateStatementKind.ElseWith, tokens[2..], null));
                    break;
                case "else":
                    current.Add(new TemplateStatement(TemplateStatementKind.Else, [], null));
                    break;
                case "template" when name is not null:
                    current.Add(new TemplateStatement(TemplateStatementKind.Template, tokens[2..], name));
                    break;
                case "break" or "continue":
                    break;
                default:
                    current.Add(new TemplateStatement(TemplateStatementKind.Pipeline, tokens, null));
                    break;
            }
        }

        return units;
    }

    /// <summary>Splits <c>$a := …</c>, <c>$a = …</c> and <c>$i, $v := …</c> into the variables and where the expression starts.</summary>
    /// <param name="tokens">The statement's tokens.</param>
    /// <returns>The variables (none when the statement declares none) and the index of the expression's first token.</returns>
    public static (IReadOnlyList<string> Variables, int ExpressionStart) SplitDeclaration(TemplateToken[] tokens)
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

    /// <summary>
    /// Up to <paramref name="count"/> operands from <paramref name="start"/>: single tokens or parenthesised groups (with
    /// the field chain that follows a closing parenthesis, <c>(…).a.b</c>); stops at a pipe or a closing parenthesis.
    /// </summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="start">First token.</param>
    /// <param name="end">One past the last token.</param>
    /// <param name="count">The most operands to return.</param>
    /// <returns>Each operand's token range.</returns>
    public static List<(int Start, int End)> Operands(TemplateToken[] tokens, int start, int end, int count)
    {
        var operands = new List<(int Start, int End)>();
        var i = start;
        while (i < end && operands.Count < count && tokens[i].Kind is not (TemplateTokenKind.Pipe or TemplateTokenKind.RightParen))
        {
            var operandEnd = i + 1;
            if (tokens[i].Kind == TemplateTokenKind.LeftParen)
            {
                operandEnd = Math.Min(end, MatchParen(tokens, i, end) + 1);
                if (operandEnd < end && tokens[operandEnd] is { Kind: TemplateTokenKind.Field, Chained: true })
                {
                    operandEnd++;
                }
            }

            operands.Add((i, operandEnd));
            i = operandEnd;
        }

        return operands;
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or <paramref name="end"/>.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="open">Index of a <see cref="TemplateTokenKind.LeftParen"/>.</param>
    /// <param name="end">One past the last token to look at.</param>
    /// <returns>The index.</returns>
    public static int MatchParen(TemplateToken[] tokens, int open, int end)
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

    private static string? TemplateDirectory(string path)
    {
        var index = path.LastIndexOf("/templates/", StringComparison.Ordinal);
        return index < 0 ? null : path[..(index + "/templates".Length)];
    }
}
