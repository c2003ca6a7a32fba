namespace TalosCiliumRender.Core.Stability;

/// <summary>
/// What the static scan found: for each template file (named as in helm's <c># Source:</c> comments) that can
/// write a value which changes on every render, the functions responsible.
/// </summary>
/// <param name="Generators">Template path → non-idempotent functions that reach its output; only files with any.</param>
internal sealed record ChartTemplateScan(IReadOnlyDictionary<string, IReadOnlySet<string>> Generators)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>A scan that found nothing (no chart templates were read).</summary>
    public static ChartTemplateScan Empty { get; } = new(new Dictionary<string, IReadOnlySet<string>>());

    /// <summary>The non-idempotent functions that reach the output of a template; empty when none or unknown.</summary>
    public IReadOnlySet<string> GeneratorsOf(string? sourceTemplate) =>
        sourceTemplate is not null && Generators.TryGetValue(sourceTemplate, out var found) ? found : None;

    /// <summary>True when the template writes keys or certificates the chart generates.</summary>
    public bool UsesCertificateGenerator(string? sourceTemplate) =>
        GeneratorsOf(sourceTemplate).Any(TemplateFunctions.CertificateGenerators.Contains);
}
