using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>The <c>Preflight</c> item metadata (property <c>TalosCiliumRenderPreflight</c>): Cilium's upgrade pre-flight check as a render of its own.</summary>
public sealed class PreflightMetadataTests
{
    private static TaskItem Render(string output, params (string Name, string Value)[] metadata) => RenderItem.Of(output, metadata);

    [Test]
    public void Preflight_metadata_reaches_the_request_and_empty_means_off()
    {
        var (requests, diagnostics) = RenderItems.ToRequests(
            [Render("cilium.yaml"), Render("cilium-preflight.yaml", ("Preflight", "True")), Render("c.yaml", ("Preflight", " false ")), Render("d.yaml", ("Preflight", "yes"))],
            mode: null);

        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Preflight), Is.EqualTo(new[] { false, true, false, false }));
            Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "TCR0004" }));
            Assert.That(diagnostics[0].Message, Does.Contain("Preflight of TalosCiliumRender item 'd.yaml' (property TalosCiliumRenderPreflight)"));
        });
    }

    [Test]
    public void A_project_renders_Cilium_and_its_preflight_check_side_by_side_with_real_helm()
    {
        using var temp = new TempDirectory();
        (string, string)[] common = [("Chart", TestPaths.ChartArchive("1.17.18")), ("HelmPath", TestPaths.Helm(TestPaths.Helm3Version)), ("ChartCache", temp.Combine("cache")), ("Features", "hubble-tls-cronjob")];
        var engine = new FakeBuildEngine();
        var task = new RenderCiliumManifest
        {
            BuildEngine = engine,
            Renders = [Render(temp.Combine("cilium.yaml"), common), Render(temp.Combine("cilium-preflight.yaml"), [.. common, ("Preflight", "true")])],
            ProjectFile = temp.Combine("Cluster.csproj"),
            Mode = "Write",
        };

        var succeeded = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.True, engine.ToString);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(File.ReadAllText(temp.Combine("cilium.yaml")), Does.Contain("name: cilium-operator\n").And.Not.Contain("cilium-pre-flight-check"));
            Assert.That(File.ReadAllText(temp.Combine("cilium-preflight.yaml")), Does.Contain("name: cilium-pre-flight-check\n").And.Not.Contain("name: cilium-operator\n"));
        });
    }

    [Test]
    public void A_preflight_item_pointed_at_the_main_render_is_TCR0040()
    {
        using var temp = new TempDirectory();
        const string Committed = "# Cilium, as committed\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  labels:\n    k8s-app: cilium\n";
        var output = temp.WriteFile("cilium.yaml", Committed);
        var engine = new FakeBuildEngine();
        var task = new RenderCiliumManifest
        {
            BuildEngine = engine,
            Renders = [Render(output, ("Chart", TestPaths.ChartArchive("1.18.1")), ("HelmPath", TestPaths.Helm(TestPaths.Helm3Version)), ("ChartCache", temp.Combine("cache")), ("Preflight", "true"))],
            ProjectFile = temp.Combine("Cluster.csproj"),
            Mode = "Write",
        };

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0040" }));
            Assert.That(File.ReadAllText(output), Is.EqualTo(Committed));
        });
    }
}
