using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Rendering;

/// <summary>
/// <c>--preflight</c>: the upgrade guide's pre-flight check (https://docs.cilium.io/en/stable/operations/upgrade/#running-pre-flight-check-required)
/// rendered with the user's preset, values and KubePrism endpoint, into its own output. Real helm, every chart.
/// </summary>
public sealed class PreflightTests
{
    private const string CheckName = "cilium-pre-flight-check";

    private RealRenders _renders = null!;

    [OneTimeSetUp]
    public void CreateRenders() => _renders = new RealRenders();

    [OneTimeTearDown]
    public void DisposeRenders() => _renders.Dispose();

    private static RenderEnvironment Environment(string directory) => new(_ => null, directory, TimeProvider.System);

    private static IReadOnlyList<ManifestDocument> Documents(RenderResult result) => YamlReader.ReadDocuments(result.Manifest!, "render");

    /// <summary>The value of an environment variable of the named container, or null.</summary>
    private static string? Env(YamlMappingNode workload, string container, string variable) =>
        ((workload.GetPath("spec", "template", "spec", "containers") as YamlSequenceNode)?.Children ?? [])
            .OfType<YamlMappingNode>()
            .Where(c => c.GetString("name") == container)
            .SelectMany(c => (c.Get("env") as YamlSequenceNode)?.Children ?? [])
            .OfType<YamlMappingNode>()
            .Where(e => e.GetString("name") == variable)
            .Select(e => e.GetString("value"))
            .FirstOrDefault();

    [Test]
    public async Task Preflight_values_win_over_values_files_and_set_and_keep_everything_else()
    {
        using var temp = new TempDirectory();

        // The guide's own example values file for the upgrade says agent: true.
        temp.WriteFile("values.yaml", "agent: true\noperator:\n  enabled: true\n  replicas: 1\npreflight:\n  enabled: false\n  validateCNPs: false\n");
        var request = new RenderRequest { ValuesFiles = ["values.yaml"], SetValues = ["agent=true", "operator.enabled=true"], Preflight = true };
        var composer = await ValuesComposer.PrepareAsync(request, Environment(temp.Path), CancellationToken.None);
        var values = composer.Compose("cilium", "1.18.1");

        Assert.Multiple(() =>
        {
            Assert.That(values.GetPath("agent")?.ToString(), Is.EqualTo("false"));
            Assert.That(values.GetPath("operator", "enabled")?.ToString(), Is.EqualTo("false"));
            Assert.That(values.GetPath("preflight", "enabled")?.ToString(), Is.EqualTo("true"));
            Assert.That(values.GetPath("operator", "replicas")?.ToString(), Is.EqualTo("1"), "values the guide does not set stay the user's");
            Assert.That(values.GetPath("preflight", "validateCNPs")?.ToString(), Is.EqualTo("false"));
            Assert.That(values.GetPath("k8sServicePort")?.ToString(), Is.EqualTo("7445"), "the preset's KubePrism endpoint");
        });
    }

    [Test]
    public async Task The_preflight_layer_is_named_for_messages_and_comes_last()
    {
        using var temp = new TempDirectory();
        var composer = await ValuesComposer.PrepareAsync(new RenderRequest { Features = ["hubble"], SetValues = ["agent=true"], Preflight = true }, Environment(temp.Path), CancellationToken.None);
        var layers = composer.Layers("cilium", "1.18.1");

        Assert.Multiple(() =>
        {
            Assert.That(layers.Select(l => l.Origin), Is.EqualTo(new[] { "preset 'talos'", "feature 'hubble'", "--set 'agent=true'", "pre-flight (--preflight)" }));
            Assert.That(YamlWriter.WriteNode(layers[^1].Values), Is.EqualTo(YamlWriter.WriteNode(FeatureCatalog.PreFlight.Values)));
        });
    }

    [Test]
    public void The_preflight_values_are_the_upgrade_guides() =>
        Assert.That(YamlWriter.WriteNode(FeatureCatalog.PreFlight.Values), Is.EqualTo("preflight:\n  enabled: true\nagent: false\noperator:\n  enabled: false\n"));

    [Test]
    public void The_preflight_is_no_feature_users_can_name() =>
        Assert.That(FeatureCatalog.All.Select(f => f.Name), Does.Not.Contain(FeatureCatalog.PreFlight.Name));

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Preflight_render_holds_the_check_on_KubePrism_and_no_agent_or_operator(string chartVersion)
    {
        var result = await _renders.RenderAsync(_renders.Request(chartVersion) with { Preflight = true, Features = ["hubble"] });
        var documents = Documents(result);
        var deployment = ManifestComparison.Find(documents, "Deployment", CheckName);

        Assert.Multiple(() =>
        {
            Assert.That(ManifestComparison.Find(documents, "DaemonSet", CheckName), Is.Not.Null);
            Assert.That(deployment, Is.Not.Null);

            // The chart gives the KubePrism endpoint to the Deployment's CNP validator (and to the DaemonSet's FQDN
            // pre-cache container, when preflight.tofqdnsPreCache is set); the DaemonSet's own container only pulls the image.
            Assert.That(Env(deployment!, "cnp-validator", "KUBERNETES_SERVICE_HOST"), Is.EqualTo("localhost"));
            Assert.That(Env(deployment!, "cnp-validator", "KUBERNETES_SERVICE_PORT"), Is.EqualTo("7445"));
            Assert.That(ManifestComparison.OfKind(documents, "DaemonSet").Select(d => ObjectIdentity.From(d).Name), Is.EqualTo(new[] { CheckName }));
            Assert.That(ManifestComparison.OfKind(documents, "Deployment").Select(d => ObjectIdentity.From(d).Name), Is.EqualTo(new[] { CheckName }));
            Assert.That(ManifestComparison.Find(documents, "ConfigMap", "cilium-config"), Is.Null);
            Assert.That(PreflightOutputGuard.AgentDaemonSet(documents), Is.Null, "the guard must not take a pre-flight output for the main render");
            Assert.That(result.Diagnostics, Is.Empty, "the Talos lint has nothing to say about a pre-flight check on KubePrism");
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task A_KubePrism_port_of_7446_reaches_the_preflight_check(string chartVersion)
    {
        // Not with preflight.tofqdnsPreCache, which would give the endpoint to a DaemonSet container too: the 1.17-1.19
        // templates write that container's name twice, which is TCR1011.
        var result = await _renders.RenderAsync(_renders.Request(chartVersion) with { Preflight = true, KubePrism = new KubePrismEndpoint { Port = 7446 } });
        var deployment = ManifestComparison.Find(Documents(result), "Deployment", CheckName)!;

        Assert.Multiple(() =>
        {
            Assert.That(Env(deployment, "cnp-validator", "KUBERNETES_SERVICE_HOST"), Is.EqualTo("localhost"));
            Assert.That(Env(deployment, "cnp-validator", "KUBERNETES_SERVICE_PORT"), Is.EqualTo("7446"));
            Assert.That(result.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public async Task Preflight_render_refuses_an_output_that_holds_the_main_render_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("cilium.yaml");
        var main = _renders.Request() with { OutputPath = output, Features = ["hubble-tls-cronjob"] };
        await _renders.RenderAsync(main);
        var committed = await File.ReadAllBytesAsync(output);

        var write = await _renders.RenderAsync(main with { Preflight = true }, expectSuccess: false);
        var check = await _renders.RenderAsync(main with { Preflight = true, Mode = OutputMode.Check }, expectSuccess: false);

        var after = await File.ReadAllBytesAsync(output);

        Assert.Multiple(() =>
        {
            Assert.That(write.Succeeded, Is.False);
            Assert.That(write.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.PreflightWouldReplaceRender }));
            Assert.That(write.Diagnostics[0].Message, Does.Contain("DaemonSet 'cilium'").And.Contain("cilium-preflight.yaml"));
            Assert.That(write.Output, Is.EqualTo(OutputStatus.NotRequested));
            Assert.That(check.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.PreflightWouldReplaceRender }), "not TCR0008: the output is the wrong one, not a stale one");
            Assert.That(after, Is.EqualTo(committed));
        });
    }

    [Test]
    public async Task Preflight_render_refuses_a_directory_layout_that_holds_the_main_render()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("cilium");
        var main = _renders.Request() with { OutputPath = output, Layout = OutputLayout.Directory, Features = ["hubble-tls-cronjob"] };
        await _renders.RenderAsync(main);

        var result = await _renders.RenderAsync(main with { Preflight = true }, expectSuccess: false);

        Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.PreflightWouldReplaceRender }));
    }

    [Test]
    public async Task Preflight_render_into_its_own_output_is_written_then_left_unchanged()
    {
        using var temp = new TempDirectory();
        var request = _renders.Request() with { OutputPath = temp.Combine("cilium-preflight.yaml"), Preflight = true };

        var first = await _renders.RenderAsync(request);
        var second = await _renders.RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(first.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(second.Output, Is.EqualTo(OutputStatus.Unchanged), "a pre-flight output in place is not the main render: it is compared and kept");
        });
    }

    [Test]
    public void Preflight_with_the_talos_layout_is_TCR0004()
    {
        var problems = RequestValidator.Validate(new RenderRequest { Preflight = true, Layout = OutputLayout.Talos, TalosVersion = "1.12", OutputPath = "p.yaml" }, valuesOnly: false);

        Assert.That(problems.Select(p => (p.Code, p.Message.Contains("--preflight", StringComparison.Ordinal))), Is.EqualTo(new[] { ("TCR0004", true) }));
    }

    [Test]
    public void Preflight_values_are_shown_for_the_talos_layout_too() =>
        Assert.That(RequestValidator.Validate(new RenderRequest { Preflight = true, Layout = OutputLayout.Talos, TalosVersion = "1.12" }, valuesOnly: true), Is.Empty);
}
