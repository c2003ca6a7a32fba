namespace TalosCiliumRender.Core.Layouts;

/// <summary>The options of a render that decide how it is laid out.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="OutputPath">The output path as the user gave it, or <see langword="null"/> when the render stays in memory.</param>
/// <param name="TalosVersion">The Talos version (<c>X.Y</c>) as given; checked by <see cref="Layout.Validate"/>.</param>
/// <param name="ReleaseName">The helm release name (the Talos inline manifest takes its name).</param>
/// <param name="Namespace">The release namespace.</param>
internal sealed record LayoutOptions(OutputLayout Layout, string? OutputPath, string? TalosVersion, string ReleaseName, string Namespace);
