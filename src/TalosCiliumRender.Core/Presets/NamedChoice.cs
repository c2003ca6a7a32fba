namespace TalosCiliumRender.Core.Presets;

/// <summary>A preset or feature as users see it.</summary>
/// <param name="Name">What users type.</param>
/// <param name="Description">One line saying what it does.</param>
internal sealed record NamedChoice(string Name, string Description);
