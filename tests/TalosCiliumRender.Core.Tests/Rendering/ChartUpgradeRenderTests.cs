using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Rendering;

/// <summary>Issue 14: renders over a committed output of another Cilium minor, with the real helm 3 and the 1.17, 1.18 and 1.19 charts.</summary>
public sealed class ChartUpgradeRenderTests
{
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void Create() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private RenderRequest Request(string chartVersion, string? output, OutputLayout layout = OutputLayout.File) => new()
    {
        Chart = TestPaths.ChartArchive(chartVersion),
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        ChartCacheDirectory = _temp.Combine("cache"),
        OutputPath = output,
        Layout = layout,
        TalosVersion = layout == OutputLayout.Talos ? "1.14" : null,
        SuppressedLints = layout == OutputLayout.Talos ? [DiagnosticCodes.TalosPatchTooLarge] : [],
        Lint = false,
    };

    private string NewOutput(string name, bool folder = false)
    {
        var path = _temp.Combine(name, folder ? "cilium" : "cilium-manifests.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static async Task<RenderResult> RenderAsync(RenderRequest request, bool succeeds = true)
    {
        var result = await new ManifestRenderer().RenderAsync(request);
        Assert.That(result.Succeeded, Is.EqualTo(succeeds), () => string.Join('\n', result.Diagnostics));
        return result;
    }

    private static ProvenanceHeader HeaderOf(string text) => ProvenanceHeader.TryParse(text) ?? throw new AssertionException("no provenance header in:\n" + text[..Math.Min(600, text.Length)]);

    private static string CiliumConfig(string manifest) => YamlWriter.Write([YamlReader.ReadDocuments(manifest, "manifest").Single(d => ObjectIdentity.From(d) is { Kind: "ConfigMap", Name: "cilium-config" })]);

    private static string[] Codes(RenderResult result) => result.Diagnostics.Select(d => d.Code).ToArray();

    [Test]
    public async Task Rendering_1_19_over_1_17_is_refused_and_nothing_is_written_in_write_or_check_mode()
    {
        var output = NewOutput("skip");
        await RenderAsync(Request("1.17.18", output));
        var before = File.ReadAllBytes(output);
        var written = File.GetLastWriteTimeUtc(output);

        var refused = await RenderAsync(Request("1.19.6", output), succeeds: false);
        var check = await RenderAsync(Request("1.19.6", output) with { Mode = OutputMode.Check }, succeeds: false);
        Assert.Multiple(() =>
        {
            Assert.That(Codes(refused), Is.EqualTo(new[] { DiagnosticCodes.UpgradeSkipsMinor }));
            Assert.That(refused.Diagnostics[0].Message, Does.Contain("1.17 → 1.18 → 1.19").And.Contain("cilium 1.17.18"));
            Assert.That(refused.Diagnostics[0].File, Is.EqualTo(output));
            Assert.That(refused.Manifest, Is.Null, "helm never ran");
            Assert.That(Codes(check), Is.EqualTo(new[] { DiagnosticCodes.UpgradeSkipsMinor }));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(before));
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(written));
        });
    }

    [Test]
    public async Task Upgrading_1_17_to_1_18_to_1_19_keeps_the_first_minor_and_gives_1_19_what_a_fresh_render_with_upgradeCompatibility_1_17_gives()
    {
        var output = NewOutput("steps");
        var first = await RenderAsync(Request("1.17.18", output));
        var second = await RenderAsync(Request("1.18.1", output));
        var secondText = File.ReadAllText(output);
        var third = await RenderAsync(Request("1.19.6", output));
        var thirdText = File.ReadAllText(output);
        var fresh = await RenderAsync(Request("1.19.6", null) with { SetValues = ["upgradeCompatibility=1.17"] });
        var again = await RenderAsync(Request("1.19.6", output));

        Assert.Multiple(() =>
        {
            Assert.That(first.Diagnostics, Is.Empty);
            Assert.That(first.EffectiveValues, Does.Not.Contain("upgradeCompatibility"), "a fresh install takes the chart's defaults");
            Assert.That(HeaderOf(secondText).UpgradeCompatibility, Is.EqualTo("1.17"));
            Assert.That(second.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.17\""));
            Assert.That(Codes(second).Concat(Codes(third)), Is.Empty);
            Assert.That(HeaderOf(thirdText).UpgradeCompatibility, Is.EqualTo("1.17"));
            Assert.That(HeaderOf(thirdText).ChartVersion, Is.EqualTo("1.19.6"));
            Assert.That(CiliumConfig(thirdText), Is.EqualTo(CiliumConfig(fresh.Manifest!)));
            Assert.That(third.EffectiveValues, Is.EqualTo(fresh.EffectiveValues));
            Assert.That(again.Output, Is.EqualTo(OutputStatus.Unchanged), "the record does not churn");
        });
    }

    [Test]
    public async Task The_recorded_minor_reaches_helm()
    {
        // A record older than any chart at hand, edited in: 1.18's chart then keeps Envoy in the agent, as 1.15 did.
        var output = NewOutput("older-record");
        await RenderAsync(Request("1.17.18", output));
        File.WriteAllText(output, File.ReadAllText(output).Replace("# upgrade-compatibility: 1.17 ", "# upgrade-compatibility: 1.15 ", StringComparison.Ordinal));
        var upgraded = await RenderAsync(Request("1.18.1", output));
        var fresh = await RenderAsync(Request("1.18.1", null));
        Assert.Multiple(() =>
        {
            Assert.That(upgraded.Manifest, Does.Not.Contain("name: cilium-envoy\n"));
            Assert.That(fresh.Manifest, Does.Contain("name: cilium-envoy\n"));
            Assert.That(HeaderOf(File.ReadAllText(output)).UpgradeCompatibility, Is.EqualTo("1.15"));
        });
    }

    [Test]
    public async Task A_value_the_user_sets_is_rendered_and_the_record_stays()
    {
        var output = NewOutput("user-value");
        await RenderAsync(Request("1.17.18", output));
        var result = await RenderAsync(Request("1.18.1", output) with { SetValues = ["upgradeCompatibility=1.15"] });
        Assert.Multiple(() =>
        {
            Assert.That(result.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.15\"").Or.Contain("upgradeCompatibility: '1.15'").Or.Contain("upgradeCompatibility: 1.15"));
            Assert.That(result.Manifest, Does.Not.Contain("name: cilium-envoy\n"));
            Assert.That(HeaderOf(File.ReadAllText(output)).UpgradeCompatibility, Is.EqualTo("1.17"));
        });
    }

    [Test]
    public async Task A_downgrade_is_refused_unless_allowed_and_a_skip_is_rendered_when_allowed()
    {
        var output = NewOutput("downgrade");
        await RenderAsync(Request("1.18.1", output));
        var before = File.ReadAllBytes(output);
        var refused = await RenderAsync(Request("1.17.18", output), succeeds: false);
        Assert.Multiple(() =>
        {
            Assert.That(Codes(refused), Is.EqualTo(new[] { DiagnosticCodes.ChartDowngrade }));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(before));
        });

        var allowed = await RenderAsync(Request("1.17.18", output) with { AllowDowngrade = true });
        var header = HeaderOf(File.ReadAllText(output));
        var skipped = await RenderAsync(Request("1.19.6", output) with { AllowMinorSkip = true });
        Assert.Multiple(() =>
        {
            Assert.That(allowed.EffectiveValues, Does.Not.Contain("upgradeCompatibility"), "an older chart than the record: nothing to keep");
            Assert.That(header.ChartVersion, Is.EqualTo("1.17.18"));
            Assert.That(header.UpgradeCompatibility, Is.EqualTo("1.18"), "the record stays");
            Assert.That(Codes(skipped), Is.Empty);
            Assert.That(skipped.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.18\""));
        });
    }

    [Test]
    public async Task A_header_from_before_the_record_warns_once()
    {
        var output = NewOutput("pre-feature");
        await RenderAsync(Request("1.17.18", output));
        var old = string.Join('\n', File.ReadAllText(output).Split('\n').Where(l => !l.StartsWith("# upgrade-compatibility:", StringComparison.Ordinal)));
        File.WriteAllText(output, old);
        Assert.That(HeaderOf(old).UpgradeCompatibility, Is.Null);

        var warned = await RenderAsync(Request("1.18.1", output));
        var quiet = await RenderAsync(Request("1.18.1", output));
        Assert.Multiple(() =>
        {
            Assert.That(Codes(warned), Is.EqualTo(new[] { DiagnosticCodes.UpgradeCompatibilityAssumed }));
            Assert.That(warned.Diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(warned.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.17\""));
            Assert.That(HeaderOf(File.ReadAllText(output)).UpgradeCompatibility, Is.EqualTo("1.17"));
            Assert.That(Codes(quiet), Is.Empty);
        });
    }

    [TestCase(OutputLayout.Directory)]
    [TestCase(OutputLayout.Talos)]
    public async Task Every_layout_carries_the_record_and_is_guarded(OutputLayout layout)
    {
        var folder = layout == OutputLayout.Directory;
        var output = NewOutput("layout-" + layout, folder);
        string HeaderText() => File.ReadAllText(folder ? Path.Combine(output, "kustomization.yaml") : output);

        await RenderAsync(Request("1.17.18", output, layout));
        Assert.That(HeaderOf(HeaderText()).UpgradeCompatibility, Is.EqualTo("1.17"));
        var refused = await RenderAsync(Request("1.19.6", output, layout), succeeds: false);
        var upgraded = await RenderAsync(Request("1.18.1", output, layout));
        var header = HeaderOf(HeaderText());
        Assert.Multiple(() =>
        {
            Assert.That(Codes(refused), Is.EqualTo(new[] { DiagnosticCodes.UpgradeSkipsMinor }));
            Assert.That(Codes(upgraded), Is.Empty);
            Assert.That(upgraded.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.17\""));
            Assert.That(header.ChartVersion, Is.EqualTo("1.18.1"));
            Assert.That(header.UpgradeCompatibility, Is.EqualTo("1.17"));
        });
    }

    [Test]
    public async Task Values_for_an_output_show_the_upgradeCompatibility_a_render_would_use()
    {
        var output = NewOutput("values");
        await RenderAsync(Request("1.17.18", output));
        var values = await new ManifestRenderer().ComputeValuesAsync(Request("1.18.1", output));
        var skip = await new ManifestRenderer().ComputeValuesAsync(Request("1.19.6", output));
        var none = await new ManifestRenderer().ComputeValuesAsync(Request("1.18.1", null));
        Assert.Multiple(() =>
        {
            Assert.That(values.Succeeded, Is.True, () => string.Join('\n', values.Diagnostics));
            Assert.That(values.EffectiveValues, Does.Contain("upgradeCompatibility: \"1.17\""));
            Assert.That(skip.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.UpgradeSkipsMinor }));
            Assert.That(none.EffectiveValues, Does.Not.Contain("upgradeCompatibility"));
        });
    }
}
