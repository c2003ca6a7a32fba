using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary>The options that describe a render, shared by <c>render</c> and <c>values</c>.</summary>
internal sealed class RenderOptions
{
    private readonly Option<string> _chart = new("--chart", "-c")
    {
        Description = $"Chart: a .tgz or folder, a chart name from --repo, or an oci:// reference. Default: {RenderRequest.DefaultChart} from {RenderRequest.DefaultRepository}.",
        DefaultValueFactory = _ => RenderRequest.DefaultChart,
    };

    private readonly Option<string?> _repo = new("--repo") { Description = $"Chart repository URL for a chart given by name (default {RenderRequest.DefaultRepository})." };

    private readonly Option<string?> _version = new("--version") { Description = $"Chart version. Checked against a local chart; default {RenderRequest.DefaultChartVersion} for a remote one." };

    private readonly Option<string> _release = new(RequestOptions.ReleaseName.Flag) { Description = "Release name (helm's rule: lowercase DNS-1123 subdomain, at most 53 characters).", DefaultValueFactory = _ => RenderRequest.DefaultReleaseName };

    private readonly Option<string> _namespace = new(RequestOptions.Namespace.Flag, "-n") { Description = "Release namespace (a DNS-1123 label, at most 63 characters).", DefaultValueFactory = _ => RenderRequest.DefaultNamespace };

    private readonly Option<string> _preset = new("--preset")
    {
        Description = "Base values: " + string.Join("; ", RenderChoices.Presets.Select(p => $"'{p.Name}': {p.Description}")),
        DefaultValueFactory = _ => RenderRequest.DefaultPreset,
    };

    private readonly Option<string[]> _features = new("--feature")
    {
        Description = "Feature to switch on (repeatable): " + string.Join(", ", RenderChoices.Features.Select(f => f.Name)) + ".",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _values = new("--values", "-f") { Description = "Values file, applied in order over preset and features (repeatable)." };

    private readonly Option<string[]> _set = new("--set") { Description = "Inline value in helm's key=value syntax, applied last (repeatable)." };

    private readonly Option<string> _kubeVersion = new(RequestOptions.KubeVersion.Flag)
    {
        Description = "Kubernetes version helm renders for (always passed, so helm 3 and 4 agree).",
        DefaultValueFactory = _ => RenderRequest.DefaultKubeVersion,
    };

    private readonly Option<string[]> _apiVersions = new(RequestOptions.ApiVersion.Flag) { Description = "API version the cluster is assumed to serve, like group/version/Kind (repeatable)." };

    private readonly Option<string?> _kubePrismHost = new(RequestOptions.KubePrismHost.Flag) { Description = $"KubePrism host for preset 'talos': a DNS-1123 host name or an IP address (default {KubePrismEndpoint.DefaultHost})." };

    private readonly Option<int?> _kubePrismPort = new(RequestOptions.KubePrismPort.Flag) { Description = $"KubePrism port for preset 'talos' (default {KubePrismEndpoint.DefaultPort}; match machine.features.kubePrism.port)." };

    private readonly Option<string?> _helm = new("--helm") { Description = "helm executable (default: $TALOS_CILIUM_HELM, then PATH)." };

    private readonly Option<string?> _chartCache = new("--chart-cache") { Description = "Chart cache folder (default: $TALOS_CILIUM_CHART_CACHE or the user cache folder)." };

    private readonly Option<string?> _kustomization = new("--kustomization", "-k") { Description = "Kustomization folder or file applied to the render (the render is its base)." };

    private readonly Option<bool> _allowUnmatched = new("--allow-unmatched-patches") { Description = "Do not fail when a patch target matches nothing in the render." };
    private readonly Option<bool> _allowUnknownValues = new("--allow-unknown-values") { Description = "Report values the chart never reads, or of a type its schema rejects, as warnings instead of errors." };

    private readonly Option<bool> _preflight = new("--preflight")
    {
        Description = "Render Cilium's upgrade pre-flight check instead (the guide's preflight.enabled=true, agent=false, operator.enabled=false over these values): the cilium-pre-flight-check DaemonSet and Deployment, no agent or operator. Write it to its own file (-o cilium-preflight.yaml), apply it, wait until ready, delete it, then upgrade.",
    };
    private readonly Option<bool> _allowMinorSkip = new("--allow-minor-skip") { Description = "Render even when the chart skips a Cilium minor release over the one the --output was rendered with (TCR1101); Cilium supports one minor at a time." };
    private readonly Option<bool> _allowDowngrade = new("--allow-downgrade") { Description = "Render even when the chart is older than the one the --output was rendered with (TCR1102)." };

    private readonly Option<int> _timeout = new(RequestOptions.Timeout.Flag)
    {
        Description = $"Seconds one helm run (and the helm version check) may take: 1 to {RequestOptions.MaxTimeoutSeconds}.",
        DefaultValueFactory = _ => (int)RenderRequest.DefaultTimeout.TotalSeconds,
        HelpName = "seconds",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _chart, _repo, _version, _release, _namespace, _preset, _features, _values, _set, _kubeVersion, _apiVersions, _kubePrismHost, _kubePrismPort, _helm, _chartCache, _kustomization, _allowUnmatched, _allowUnknownValues, _allowMinorSkip, _allowDowngrade, _preflight, _timeout })
        {
            command.Add(option);
        }
    }

    public RenderRequest ToRequest(ParseResult result)
    {
        return new RenderRequest
        {
            Chart = result.GetValue(_chart) ?? RenderRequest.DefaultChart,
            Repository = result.GetValue(_repo),
            Version = result.GetValue(_version),
            ReleaseName = result.GetValue(_release)!,
            Namespace = result.GetValue(_namespace)!,
            Preset = result.GetValue(_preset)!,
            Features = result.GetValue(_features) ?? [],
            ValuesFiles = result.GetValue(_values) ?? [],
            SetValues = result.GetValue(_set) ?? [],
            KubeVersion = result.GetValue(_kubeVersion)!,
            ApiVersions = result.GetValue(_apiVersions) ?? [],
            KubePrism = RequestOptions.KubePrismOf(result.GetValue(_kubePrismHost), result.GetValue(_kubePrismPort)),
            HelmPath = result.GetValue(_helm),
            ChartCacheDirectory = result.GetValue(_chartCache),
            Kustomization = result.GetValue(_kustomization),
            AllowUnmatchedPatches = result.GetValue(_allowUnmatched),
            AllowUnknownValues = result.GetValue(_allowUnknownValues),
            Preflight = result.GetValue(_preflight),
            AllowMinorSkip = result.GetValue(_allowMinorSkip),
            AllowDowngrade = result.GetValue(_allowDowngrade),
            Timeout = RequestOptions.TimeoutOf(result.GetValue(_timeout)),
        };
    }
}
