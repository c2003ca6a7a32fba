using TalosCiliumRender.Core.ChartValues;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Values;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.ChartValues;

public sealed class ChartValuesAnalyzerTests
{
    private const string Chart = "cilium 1.18.1";

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Every_key_of_the_charts_own_values_yaml_is_readable(string chartVersion)
    {
        var model = await ChartValuesTestData.ModelAsync(chartVersion);
        var files = await ChartValuesTestData.FilesAsync(chartVersion);
        var found = ValuesCheck.UnknownKeys(model.Keys, [ChartValuesTestData.Layer(files.ValuesYaml!)], Chart, DiagnosticSeverity.Error);
        Assert.That(found.Select(d => d.Message), Is.Empty);
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Every_preset_and_feature_sets_only_keys_the_chart_reads(string chartVersion)
    {
        var model = await ChartValuesTestData.ModelAsync(chartVersion);
        var version = Version.Parse(chartVersion);
        var layers = new List<ValuesLayer>();
        foreach (var preset in PresetCatalog.All)
        {
            if (preset.BuildValues(new Version(version.Major, version.Minor), new KubePrismEndpoint()) is { } values)
            {
                layers.Add(new ValuesLayer($"preset '{preset.Name}'", null, values));
            }
        }

        layers.AddRange(FeatureCatalog.All.Select(f => new ValuesLayer($"feature '{f.Name}'", null, f.Values)));
        var schema = ValuesSchema.TryParse((await model.SchemaJsonAsync(CancellationToken.None))!)!;
        Assert.Multiple(() =>
        {
            Assert.That(layers, Has.Count.GreaterThan(3));
            Assert.That(ValuesCheck.UnknownKeys(model.Keys, layers, chartVersion, DiagnosticSeverity.Error).Select(d => d.Message), Is.Empty);
            foreach (var layer in layers)
            {
                // Preset and features are ours: the render skips their type check when the user sets nothing, so it must hold here.
                Assert.That(ValuesCheck.WrongTypes(schema, layer.Values, [layer], chartVersion, DiagnosticSeverity.Error).Select(d => d.Message), Is.Empty, layer.Origin);
            }
        });
    }

    [TestCase("hubble:\n  relay:\n    enabeld: true\n", "hubble.relay.enabeld", "hubble.relay.enabled", 3, 5)]
    [TestCase("kubeProxyReplacment: false\n", "kubeProxyReplacment", "kubeProxyReplacement", 1, 1)]
    [TestCase("ipam:\n  operator:\n    clusterPoolIPv4PodCIDR: 10.0.0.0/8\n", "ipam.operator.clusterPoolIPv4PodCIDR", "ipam.operator.clusterPoolIPv4PodCIDRList", 3, 5)]
    [TestCase("hubble:\n  relya:\n    enabled: true\n", "hubble.relya", "hubble.relay", 2, 3)]
    [TestCase("Hubble:\n  enabled: true\n", "Hubble", "hubble", 1, 1)]
    public async Task A_misspelt_key_is_an_error_at_its_place_with_the_key_meant(string yaml, string key, string meant, int line, int column)
    {
        var model = await ChartValuesTestData.ModelAsync("1.18.1");
        var found = ValuesCheck.UnknownKeys(model.Keys, [ChartValuesTestData.Layer(yaml, "values file 'values/prod.yaml'", "values/prod.yaml")], Chart, DiagnosticSeverity.Error);
        Assert.That(found, Has.Count.EqualTo(1));
        var diagnostic = found[0];
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.UnknownValue));
            Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(diagnostic.Message, Does.StartWith($"'{key}', set in values file 'values/prod.yaml', is not a value chart cilium 1.18.1 reads"));
            Assert.That(diagnostic.Message, Does.Contain($"Did you mean '{meant}'?"));
            Assert.That((diagnostic.File, diagnostic.Line, diagnostic.Column), Is.EqualTo(("values/prod.yaml", (int?)line, (int?)column)));
        });
    }

    [TestCase("nodeSelector:\n  node-role.kubernetes.io/control-plane: \"\"\n")]
    [TestCase("podAnnotations:\n  example.com/team: net\n")]
    [TestCase("extraConfig:\n  any-agent-flag: \"true\"\n")]
    [TestCase("operator:\n  nodeSelector:\n    role: infra\n  resources:\n    limits:\n      memory: 1Gi\n")]
    [TestCase("commonLabels:\n  team: net\n")]
    [TestCase("devices: eth+\n")]
    [TestCase("hubble:\n  relay:\n    tolerations:\n    - operator: Exists\n")]
    [TestCase("extraEnv:\n- name: X\n  value: y\n")]
    [TestCase("gke:\n  enabled: true\n  disableDefaultSnat: true\n")]
    [TestCase("nodeinit:\n  reconfigureKubelet: true\n  removeCbrBridge: true\n  revertReconfigureKubelet: true\n")]
    [TestCase("hubble:\n  relay: &on\n    enabled: true\n  ui:\n    <<: *on\n")]
    [TestCase("hubble:\n  relay: &on\n    enabled: true\n  ui:\n    <<: [*on]\n    replicas: 2\n")]
    public async Task Free_form_and_documented_keys_are_accepted(string yaml)
    {
        var model = await ChartValuesTestData.ModelAsync("1.18.1");
        Assert.That(ValuesCheck.UnknownKeys(model.Keys, [ChartValuesTestData.Layer(yaml)], Chart, DiagnosticSeverity.Error).Select(d => d.Message), Is.Empty);
    }

    [Test]
    public async Task Keys_a_merge_key_brings_in_are_checked_where_they_land()
    {
        var model = await ChartValuesTestData.ModelAsync("1.18.1");
        var layer = ChartValuesTestData.Layer("hubble:\n  relay: &r\n    enabled: true\n    enabeld: true\n  ui:\n    <<: *r\n");
        var found = ValuesCheck.UnknownKeys(model.Keys, [layer], Chart, DiagnosticSeverity.Error).Select(d => d.Message).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(found, Has.Length.EqualTo(2));
            Assert.That(found, Has.Exactly(1).StartsWith("'hubble.relay.enabeld'"));
            Assert.That(found, Has.Exactly(1).StartsWith("'hubble.ui.enabeld'"), "merged into hubble.ui by <<");
            Assert.That(found, Has.None.Contains("<<"));
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Generated_typos_one_edit_from_real_keys_are_rejected_with_the_right_suggestion(string chartVersion)
    {
        var model = await ChartValuesTestData.ModelAsync(chartVersion);
        var random = new Random(1234);
        var paths = model.Keys.Paths().ToArray();
        var tried = 0;
        var right = 0;
        var misses = new List<string>();
        foreach (var path in paths)
        {
            var depth = random.Next(path.Count);
            var parent = model.Keys.Find(path.Take(depth).ToArray())!;
            var typo = Edit(path[depth], random);
            if (typo == path[depth] || parent.Children.ContainsKey(typo) || typo.Length == 0)
            {
                continue;
            }

            string[] typed = [.. path.Take(depth), typo, .. path.Skip(depth + 1)];
            var layer = new ValuesLayer("--set", null, ChartValuesTestData.Nest(typed, new YamlScalarNode("x")));
            var found = ValuesCheck.UnknownKeys(model.Keys, [layer], chartVersion, DiagnosticSeverity.Error);
            tried++;
            var expected = $"Did you mean '{string.Join('.', path.Take(depth + 1))}'?";
            if (found.Count == 1 && found[0].Message.Contains(expected, StringComparison.Ordinal))
            {
                right++;
            }
            else
            {
                misses.Add($"{string.Join('.', typed)} -> {(found.Count == 0 ? "accepted" : found[0].Message)}");
            }
        }

        var rate = (double)right / tried;
        TestContext.Out.WriteLine($"{chartVersion}: {right}/{tried} = {rate:P1}");
        TestContext.Out.WriteLine(string.Join('\n', misses.Take(60)));
        Assert.Multiple(() =>
        {
            Assert.That(tried, Is.GreaterThan(1000));
            Assert.That(rate, Is.GreaterThanOrEqualTo(0.95));
        });
    }

    private static string Edit(string key, Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var i = random.Next(key.Length);
        return random.Next(4) switch
        {
            0 when key.Length > 1 => key.Remove(i, 1),
            1 => key.Insert(i, letters[random.Next(letters.Length)].ToString()),
            2 => key[..i] + letters[random.Next(letters.Length)] + key[(i + 1)..],
            _ when key.Length > 1 && i + 1 < key.Length => key[..i] + key[i + 1] + key[i] + key[(i + 2)..],
            _ => key + letters[random.Next(letters.Length)],
        };
    }

    [TestCase("1.17.18", "1.18.1")]
    [TestCase("1.18.1", "1.19.6")]
    [TestCase("1.17.18", "1.19.6")]
    public async Task Keys_an_older_chart_has_and_a_newer_one_never_mentions_are_rejected_on_the_newer(string older, string newer)
    {
        var oldFiles = await ChartValuesTestData.FilesAsync(older);
        var newFiles = await ChartValuesTestData.FilesAsync(newer);
        var newModel = await ChartValuesTestData.ModelAsync(newer);
        var oldDefaults = ChartValuesTestData.Layer(oldFiles.ValuesYaml!).Values;

        // The oracle is textual and independent of the analysis: a key name that appears nowhere in the newer chart
        // (templates, values.yaml, schema) cannot be read by it.
        var newText = string.Join('\n', newFiles.Templates.Values) + newFiles.ValuesYaml + newFiles.ValuesSchema;
        var gone = new List<string[]>();
        var pending = new Stack<(YamlMappingNode Map, string[] Path)>();
        pending.Push((oldDefaults, []));
        while (pending.Count > 0)
        {
            var (map, path) = pending.Pop();
            foreach (var (key, value) in map.Children)
            {
                string[] child = [.. path, ((YamlScalarNode)key).Value!];
                if (!newText.Contains(child[^1], StringComparison.Ordinal) && newModel.Keys.Find(path) is { FreeForm: false })
                {
                    gone.Add(child);
                }
                else if (value is YamlMappingNode inner)
                {
                    pending.Push((inner, child));
                }
            }
        }

        TestContext.Out.WriteLine(string.Join("\n", gone.Select(p => string.Join('.', p))));
        Assert.That(gone, Is.Not.Empty, "each newer minor drops keys");
        foreach (var path in gone)
        {
            var layer = new ValuesLayer("--set", null, ChartValuesTestData.Nest(path, new YamlScalarNode("x")));
            Assert.That(ValuesCheck.UnknownKeys(newModel.Keys, [layer], newer, DiagnosticSeverity.Error), Has.Count.EqualTo(1), string.Join('.', path));
        }
    }

    [TestCase("1.17.18", "enableCiliumEndpointSlice", false)]
    [TestCase("1.18.1", "enableCiliumEndpointSlice", true)]
    [TestCase("1.18.1", "ciliumEndpointSlice.sliceMode", true)]
    [TestCase("1.18.1", "tunnel", true)]
    [TestCase("1.18.1", "ipam.operator.clusterPoolIPv4PodCIDR", true)]
    [TestCase("1.19.6", "ipam.operator.clusterPoolIPv4PodCIDRList", false)]
    public async Task A_key_a_chart_reads_only_to_fail_the_render_is_rejected_before_helm(string chartVersion, string key, bool rejected)
    {
        var model = await ChartValuesTestData.ModelAsync(chartVersion);
        var layer = new ValuesLayer("--set", null, ChartValuesTestData.Nest(key.Split('.'), new YamlScalarNode("x")));
        Assert.That(ValuesCheck.UnknownKeys(model.Keys, [layer], chartVersion, DiagnosticSeverity.Error), rejected ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task The_production_values_file_has_no_unknown_key_and_no_wrong_type(string chartVersion)
    {
        var model = await ChartValuesTestData.ModelAsync(chartVersion);
        var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Values", "Data", "production-values.yaml");
        var layer = ChartValuesTestData.Layer(File.ReadAllText(path), "values file 'production-values.yaml'", "production-values.yaml");
        var schema = ValuesSchema.TryParse((await model.SchemaJsonAsync(CancellationToken.None))!)!;
        Assert.Multiple(() =>
        {
            Assert.That(ValuesCheck.UnknownKeys(model.Keys, [layer], chartVersion, DiagnosticSeverity.Error).Select(d => d.Message), Is.Empty);
            Assert.That(ValuesCheck.WrongTypes(schema, layer.Values, [layer], chartVersion, DiagnosticSeverity.Error).Select(d => d.Message), Is.Empty);
        });
    }
}
