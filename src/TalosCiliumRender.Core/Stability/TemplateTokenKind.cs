namespace TalosCiliumRender.Core.Stability;

/// <summary>The kinds of token inside a Go template action that the static scan cares about.</summary>
internal enum TemplateTokenKind
{
    /// <summary>A function or keyword name: <c>include</c>, <c>genCA</c>, <c>if</c>.</summary>
    Identifier,

    /// <summary>A variable, possibly with fields: <c>$cert</c>, <c>$.Values.x</c>, <c>$</c>.</summary>
    Variable,

    /// <summary>A field chain on the dot: <c>.commonCA.Cert</c>.</summary>
    Field,

    /// <summary>The dot itself.</summary>
    Dot,

    /// <summary>A quoted or raw string; <see cref="TemplateToken.Text"/> is its content.</summary>
    String,

    /// <summary><c>(</c>.</summary>
    LeftParen,

    /// <summary><c>)</c>.</summary>
    RightParen,

    /// <summary><c>|</c>.</summary>
    Pipe,

    /// <summary><c>:=</c> or <c>=</c>.</summary>
    Assign,

    /// <summary>Anything else: numbers, commas, characters.</summary>
    Other,
}
