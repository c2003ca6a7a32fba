using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Helm;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Values;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Turns a request into the one values tree helm gets. Precedence, lowest first: preset, features (in order),
/// values files (in order), inline values, and for a pre-flight render the upgrade guide's pre-flight values; maps
/// deep-merge and everything else replaces, as helm does.
/// <see cref="RequestValidator"/> checks the options first; <see cref="PrepareAsync"/> reads the values files and
/// <c>--set</c> expressions, before helm runs.
/// </summary>
internal sealed class ValuesComposer
{
    private readonly Preset _preset;
    private readonly IReadOnlyList<Feature> _features;
    private readonly IReadOnlyList<YamlMappingNode> _valuesFiles;
    private readonly IReadOnlyList<string> _valuesFilePaths;
    private readonly IReadOnlyList<string> _setExpressions;
    private readonly KubePrismEndpoint _kubePrism;
    private readonly Feature? _preflight;

    private ValuesComposer(
        Preset preset, IReadOnlyList<Feature> features, IReadOnlyList<YamlMappingNode> valuesFiles, IReadOnlyList<string> valuesFilePaths,
        IReadOnlyList<string> setExpressions, KubePrismEndpoint kubePrism, Feature? preflight)
    {
        _preset = preset;
        _features = features;
        _valuesFiles = valuesFiles;
        _valuesFilePaths = valuesFilePaths;
        _setExpressions = setExpressions;
        _kubePrism = kubePrism;
        _preflight = preflight;
    }

    /// <summary>API versions helm must be told about: the request's, then those the features need.</summary>
    public IReadOnlyList<string> ApiVersions(RenderRequest request) =>
        request.ApiVersions.Concat(_features.SelectMany(f => f.ApiVersions)).Distinct(StringComparer.Ordinal).ToArray();

    public static async Task<ValuesComposer> PrepareAsync(RenderRequest request, RenderEnvironment environment, CancellationToken cancellationToken)
    {
        var preset = PresetCatalog.Get(request.Preset);
        var features = request.Features
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(FeatureCatalog.Get)
            .DistinctBy(f => f.Name)
            .ToArray();

        // The options were checked by RequestValidator before anything was read.
        var kubePrism = request.KubePrism ?? new KubePrismEndpoint();
        var layers = new List<YamlMappingNode>();
        foreach (var file in request.ValuesFiles)
        {
            layers.Add(await ValuesFileLoader.LoadAsync(file, environment, cancellationToken).ConfigureAwait(false));
        }

        // --set is checked now as helm would check it over these files; Compose applies it over all layers below it.
        ApplySet(ValuesMerger.MergeAll(layers), request.SetValues);
        return new ValuesComposer(preset, features, layers, request.ValuesFiles, request.SetValues, kubePrism, request.Preflight ? FeatureCatalog.PreFlight : null);
    }

    /// <summary>The merged values for the chart that was resolved.</summary>
    public YamlMappingNode Compose(string chartName, string chartVersion)
    {
        var values = ApplySet(ValuesMerger.MergeAll([PresetValues(chartName, chartVersion), .. _features.Select(f => f.Values), .. _valuesFiles]), _setExpressions);

        // The pre-flight values go over everything the user gave, --set included: a values file that says agent: true
        // (the guide's own example of a values file does) would otherwise put the agent back into a pre-flight output,
        // and applying that file would roll the agent out before the check ran. Every other value, the KubePrism
        // endpoint among them, stays the user's, so the check runs with the images and settings of the real render.
        return _preflight is null ? values : ValuesMerger.Merge(values, _preflight.Values);
    }

    /// <summary>
    /// Each source of values on its own, lowest precedence first, named as messages name it: what the values check
    /// looks at, so a finding points at the file and line (or the <c>--set</c>) that set the value.
    /// </summary>
    public IReadOnlyList<ValuesLayer> Layers(string chartName, string chartVersion)
    {
        var layers = new List<ValuesLayer> { new($"preset '{_preset.Name}'", null, PresetValues(chartName, chartVersion), IsUsers: false) };
        layers.AddRange(_features.Select(f => new ValuesLayer($"feature '{f.Name}'", null, f.Values, IsUsers: false)));
        layers.AddRange(_valuesFiles.Select((values, i) => new ValuesLayer($"values file '{_valuesFilePaths[i]}'", _valuesFilePaths[i], values)));
        foreach (var expression in _setExpressions)
        {
            // Parsed on its own: what one --set names, whatever it lands on. It was checked over the values files already.
            layers.Add(new ValuesLayer($"--set '{expression}'", null, ApplySet(new YamlMappingNode(), [expression])));
        }

        if (_preflight is not null)
        {
            layers.Add(new ValuesLayer("pre-flight (--preflight)", null, _preflight.Values, IsUsers: false));
        }

        return layers;
    }

    private YamlMappingNode PresetValues(string chartName, string chartVersion)
    {
        // The preset is chosen by release line: 1.19.0-rc.1 takes 1.19's values, as 1.19.6 does.
        var line = ChartVersion.LineOf(chartVersion);
        return (line is { } l ? _preset.BuildValues(new Version(l.Major, l.Minor), _kubePrism) : null)
            ?? throw DiagnosticCatalog.PresetNotAvailable.Exception(_preset.Name, chartVersion, chartName, CiliumCapabilities.SupportedRange);
    }

    /// <summary>
    /// helm applies each <c>--set</c> to the values of its <c>-f</c> files (<c>strvals.ParseInto</c>), not as a layer
    /// of its own: <c>list[1]=x</c> changes one item of a list below it. Preset and features are values below
    /// <c>--set</c> like any values file, so they are part of what it is applied to.
    /// </summary>
    private static YamlMappingNode ApplySet(YamlMappingNode values, IReadOnlyList<string> expressions)
    {
        foreach (var expression in expressions)
        {
            SetValueParser.ParseInto(expression, values);
        }

        return values;
    }
}
