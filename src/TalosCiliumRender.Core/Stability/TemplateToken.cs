namespace TalosCiliumRender.Core.Stability;

/// <summary>One token of a Go template action.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The identifier, the variable name (with <c>$</c>), or the string content.</param>
/// <param name="Fields">The field chain after a variable or dot (<c>.a.b</c> gives <c>a</c>, <c>b</c>).</param>
/// <param name="Chained">True for a field chain written right after a closing parenthesis (<c>(…).a</c>), which applies to it; with a space between it is an operand of its own.</param>
internal sealed record TemplateToken(TemplateTokenKind Kind, string Text, IReadOnlyList<string> Fields, bool Chained = false)
{
    public static TemplateToken Of(TemplateTokenKind kind, string text) => new(kind, text, []);
}
