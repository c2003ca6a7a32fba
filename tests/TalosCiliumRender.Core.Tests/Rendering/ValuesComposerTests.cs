using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Presets;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Rendering;

public sealed class ValuesComposerTests
{
    private static RenderEnvironment Environment(string directory) => new(_ => null, directory, TimeProvider.System);

    private static async Task<string> ComposeAsync(RenderRequest request, string directory, string chartVersion = "1.18.1")
    {
        var composer = await ValuesComposer.PrepareAsync(request, Environment(directory), CancellationToken.None);
        return YamlWriter.WriteNode(composer.Compose("cilium", chartVersion));
    }

    private static string ErrorCode(RenderRequest request, string? chartVersion = null)
    {
        var error = Assert.CatchAsync<DiagnosticException>(async () =>
        {
            var composer = await ValuesComposer.PrepareAsync(request, Environment(Path.GetTempPath()), CancellationToken.None);
            composer.Compose("cilium", chartVersion ?? "1.18.1");
        })!;
        return error.Diagnostic.Code;
    }

    [Test]
    public async Task Precedence_is_preset_then_features_then_files_in_order_then_set()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("one.yaml", "hubble:\n  relay:\n    enabled: false\n  ui:\n    replicas: 1\nk8sServicePort: 1\n");
        temp.WriteFile("two.yaml", "hubble:\n  ui:\n    replicas: 2\n");
        var yaml = await ComposeAsync(new RenderRequest
        {
            Features = ["hubble-ui"],
            ValuesFiles = ["one.yaml", "two.yaml"],
            SetValues = ["k8sServicePort=2"],
        }, temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(yaml, Does.Contain("hubble:\n  enabled: true\n  relay:\n    enabled: false\n  ui:\n    enabled: true\n    replicas: 2\n"));
            Assert.That(yaml, Does.Contain("k8sServicePort: 2\n"));
            Assert.That(yaml, Does.Contain("ipam:\n  mode: kubernetes\n"));
        });
    }

    [Test]
    public async Task Set_applies_over_the_layers_below_it_as_helm_applies_set_over_its_values_files()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("one.yaml", "extra: [a, b, c]\n");
        var yaml = await ComposeAsync(new RenderRequest
        {
            ValuesFiles = ["one.yaml"],
            SetValues = ["extra[1]=x", "securityContext.capabilities.cleanCiliumState[0]=CHOWN"],
        }, temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(yaml, Does.Contain("extra:\n- a\n- x\n- c\n"));
            Assert.That(yaml, Does.Contain("cleanCiliumState:\n    - CHOWN\n    - SYS_ADMIN\n    - SYS_RESOURCE\n"));
        });
    }

    [Test]
    public void A_set_expression_helm_rejects_is_TCR0020_before_the_chart_is_known() =>
        Assert.That(ErrorCode(new RenderRequest { SetValues = ["a..b=1"] }, chartVersion: "1.14.9"), Is.EqualTo("TCR0020"));

    [Test]
    public void Gateway_api_feature_declares_the_GatewayClass_api()
    {
        var composer = ValuesComposer.PrepareAsync(new RenderRequest { Features = ["gateway-api"], ApiVersions = ["example.com/v1"] }, Environment(Path.GetTempPath()), CancellationToken.None).Result;
        Assert.That(composer.ApiVersions(new RenderRequest { ApiVersions = ["example.com/v1"] }), Is.EqualTo(new[] { "example.com/v1", FeatureCatalog.GatewayClassApi }));
    }

    [Test]
    public void Unknown_feature_is_TCR0003() =>
        Assert.That(ErrorCode(new RenderRequest { Features = ["hubble", "wireguard-magic"] }), Is.EqualTo("TCR0003"));

    [Test]
    public void Unknown_preset_is_TCR0002() =>
        Assert.That(ErrorCode(new RenderRequest { Preset = "talos-1.18" }), Is.EqualTo("TCR0002"));

    [Test]
    public void Unsupported_cilium_version_is_TCR0005() =>
        Assert.That(ErrorCode(new RenderRequest(), chartVersion: "1.14.9"), Is.EqualTo("TCR0005"));

    [Test]
    public void Preset_none_renders_any_version() =>
        Assert.DoesNotThrowAsync(() => ComposeAsync(new RenderRequest { Preset = "none" }, Path.GetTempPath(), "1.14.9"));
}
