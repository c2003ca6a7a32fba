namespace TalosCiliumRender.Core.Stability;

/// <summary>A piece of a Go template: literal text, or the body of one <c>{{ … }}</c> action without delimiters and trim markers.</summary>
/// <param name="IsAction">True for an action, false for literal text.</param>
/// <param name="Text">The text or the trimmed action body.</param>
internal readonly record struct TemplateSegment(bool IsAction, string Text);
