using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Layouts;

public sealed class LayoutTests
{
    private static LayoutOptions Options(OutputLayout layout, string? outputPath = "out", string? talosVersion = null, string releaseName = "cilium") =>
        new(layout, outputPath, talosVersion, releaseName, "kube-system");

    [TestCase(OutputLayout.File, typeof(SingleFileLayout))]
    [TestCase(OutputLayout.Directory, typeof(DirectoryLayout))]
    [TestCase(OutputLayout.Talos, typeof(TalosLayout))]
    public void Each_layout_is_one_type(OutputLayout layout, Type type) =>
        Assert.That(Layout.For(Options(layout, talosVersion: "1.14")), Is.TypeOf(type));

    [Test]
    public void Validation_reports_every_problem_of_the_layout_options_at_once()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Layout.Validate(Options(OutputLayout.Talos, releaseName: "Cilium_Main"), valuesOnly: false).Select(d => d.Code), Is.EqualTo(new[] { "TCR5001", "TCR5003" }));
            Assert.That(Layout.Validate(Options(OutputLayout.Directory, outputPath: null, talosVersion: "2.0"), valuesOnly: false).Select(d => d.Code), Is.EqualTo(new[] { "TCR5002", "TCR5004" }));
            Assert.That(Layout.Validate(Options((OutputLayout)7), valuesOnly: false).Select(d => d.Code), Is.EqualTo(new[] { "TCR0004" }));
            Assert.That(Layout.Validate(Options(OutputLayout.Talos, talosVersion: "x"), valuesOnly: true).Select(d => d.Code), Is.EqualTo(new[] { "TCR5002" }), "values only: the version's form, nothing else");
            Assert.That(Layout.Validate(Options(OutputLayout.Talos, talosVersion: "1.13"), valuesOnly: false), Is.Empty);
        });
    }

    [Test]
    public async Task One_read_of_a_folder_serves_carry_over_comparison_and_write()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        var layout = Layout.For(Options(OutputLayout.Directory, outputPath: folder));
        var documents = YamlReader.ReadDocuments("kind: ConfigMap\nmetadata: {name: a}\n", "test");
        var plan = layout.Plan(documents, new YamlDotNet.RepresentationModel.YamlMappingNode(), "# header\n", "cilium 1.18.1");
        var target = OutputTarget.Resolve(folder, folder);
        Assert.That(await layout.WriteAsync(plan, target, existing: null, CancellationToken.None), Is.EqualTo(OutputStatus.Written));

        var existing = await layout.ReadExistingAsync(folder, folder, CancellationToken.None);
        Directory.Delete(folder, recursive: true); // from here on, only the one read answers

        Assert.Multiple(() =>
        {
            Assert.That(existing.Files.Select(f => f.Name), Is.EqualTo(new[] { "configmap-a.yaml", "kustomization.yaml" }));
            Assert.That(layout.DocumentsOf(existing)!.Select(d => d.Mapping!.GetString("kind")), Is.EqualTo(new[] { "ConfigMap" }));
            Assert.That(OutputComparison.Of(layout.ReadBack(plan, existing), documents, GeneratedMaterialPolicy.Exact, folder).UpToDate, Is.True);
            Assert.That(layout.HeaderIsCurrent(plan, existing), Is.True);
        });
    }
}
