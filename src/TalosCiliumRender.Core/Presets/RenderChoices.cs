namespace TalosCiliumRender.Core.Presets;

/// <summary>The presets and features a <see cref="RenderRequest"/> may name, for help texts and tooling.</summary>
internal static class RenderChoices
{
    /// <summary>Every preset, the default first.</summary>
    public static IReadOnlyList<NamedChoice> Presets { get; } = PresetCatalog.All.Select(p => new NamedChoice(p.Name, p.Description)).ToArray();

    /// <summary>Every feature.</summary>
    public static IReadOnlyList<NamedChoice> Features { get; } = FeatureCatalog.All.Select(f => new NamedChoice(f.Name, f.Description)).ToArray();
}
