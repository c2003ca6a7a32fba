namespace TalosCiliumRender.Core.Stability;

/// <summary>One token of a Go template action.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The identifier, the variable name (with <c>$</c>), or the string content.</param>
/// <param name="Fields">The field chain after a variable or dot (<c>.a.b</c> gives <c>a</c>, <c>b</c>).</param>
internal sealed record TemplateToken(TemplateTokenKind Kind, string Text, IReadOnlyList<string> Fields)
{
    public static TemplateToken Of(TemplateTokenKind kind, string text) => new(kind, text, []);
}
