using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>
/// The <c>FluxHelmRelease</c> and <c>ArgoCdApplication</c> item metadata (properties <c>TalosCiliumRenderFluxHelmRelease</c>,
/// <c>TalosCiliumRenderArgoCdApplication</c>): companion manifests for a GitOps controller, written with the render and
/// compared in Check mode.
/// </summary>
public sealed class GitOpsMetadataTests
{
    private static TaskItem Render(string output, params (string Name, string Value)[] metadata) => RenderItem.Of(output, metadata);

    [Test]
    public void Companion_metadata_reaches_the_request_and_empty_means_none()
    {
        var (requests, diagnostics) = RenderItems.ToRequests(
            [Render("cilium.yaml"), Render("b.yaml", ("FluxHelmRelease", " flux/hr.yaml "), ("ArgoCdApplication", "argo/app.yaml"))],
            mode: null);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics, Is.Empty);
            Assert.That(requests.Select(r => r.FluxHelmReleasePath), Is.EqualTo(new[] { null, "flux/hr.yaml" }));
            Assert.That(requests.Select(r => r.ArgoCdApplicationPath), Is.EqualTo(new[] { null, "argo/app.yaml" }));
        });
    }

    [Test]
    public void A_project_writes_the_companions_next_to_the_render_and_Check_mode_names_a_stale_one_with_real_helm()
    {
        using var temp = new TempDirectory();
        using var repository = new LoopbackChartRepository(TestPaths.Charts);
        (string, string)[] metadata =
        [
            ("Chart", "cilium"), ("Repository", repository.Url), ("Version", "1.18.1"), ("HelmPath", TestPaths.Helm(TestPaths.Helm3Version)),
            ("ChartCache", temp.Combine("cache")), ("FluxHelmRelease", "cilium-helmrelease.yaml"), ("ArgoCdApplication", "cilium-application.yaml"),
        ];
        RenderCiliumManifest Task(FakeBuildEngine engine, string mode) => new()
        {
            BuildEngine = engine,
            Renders = [Render("cilium-manifests.yaml", metadata)],
            ProjectFile = temp.Combine("Cluster.csproj"),
            Mode = mode,
        };

        var writeEngine = new FakeBuildEngine();
        var written = Task(writeEngine, "Write").Execute();
        var checkEngine = new FakeBuildEngine();
        var upToDate = Task(checkEngine, "Check").Execute();
        var helmRelease = temp.Combine("cilium-helmrelease.yaml");
        File.WriteAllText(helmRelease, File.ReadAllText(helmRelease).Replace("k8sServicePort: 7445", "k8sServicePort: 7446", StringComparison.Ordinal));
        var staleEngine = new FakeBuildEngine();
        var stale = Task(staleEngine, "Check").Execute();

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.True, writeEngine.ToString);
            Assert.That(File.ReadAllText(temp.Combine("cilium-application.yaml")), Does.Contain("kind: Application\n"));
            Assert.That(upToDate, Is.True, checkEngine.ToString);
            Assert.That(stale, Is.False);
            Assert.That(staleEngine.ErrorCodes, Is.EqualTo(new[] { "TCR0008" }), staleEngine.ToString);
            Assert.That(staleEngine.Errors.Single().File, Does.EndWith("cilium-helmrelease.yaml"));
        });
    }
}
