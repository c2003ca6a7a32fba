using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>
/// A render loads its kustomization while helm runs: a fault met while loading must come out of the apply step,
/// the same diagnostic at the same point among the base's own faults, as when the build loaded as it went.
/// </summary>
public sealed class PreparedKustomizationTests
{
    private static readonly string BaseYaml = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Kustomize", "Fixtures", "cilium-base.yaml"));

    private const string DuplicateOfBase = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: cilium\n  namespace: kube-system\n";

    private static IReadOnlyList<ManifestDocument> Base() => YamlReader.ReadDocuments(BaseYaml, "<base>");

    /// <summary>The preload succeeds whatever the kustomization holds; the apply step reports its first fault.</summary>
    private static async Task<Diagnostic> PreloadedFaultAsync(string path, IReadOnlyList<ManifestDocument> documents)
    {
        var prepared = await KustomizationApplier.PreloadAsync(path, CancellationToken.None);
        var e = Assert.Throws<DiagnosticException>(() => KustomizationApplier.Apply(documents, prepared, KustomizeOptions.Default, CancellationToken.None));
        return e!.Diagnostic;
    }

    [Test]
    public async Task A_missing_patch_file_is_reported_by_the_apply_step_not_the_preload()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "patches:\n- path: missing.yaml\n");

        var diagnostic = await PreloadedFaultAsync(dir.Path, Base());

        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCatalog.ReferencedFileNotFound.Code), diagnostic.ToString());
    }

    [Test]
    public async Task A_fault_in_the_base_still_comes_before_a_missing_kustomization()
    {
        using var dir = new TempDirectory();
        var documents = YamlReader.ReadDocuments("apiVersion: v1\nmetadata:\n  name: x\n", "<base>");

        var diagnostic = await PreloadedFaultAsync(Path.Combine(dir.Path, "absent"), documents);

        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCatalog.ResourceMissingKind.Code), diagnostic.ToString());
    }

    [Test]
    public async Task A_resource_duplicating_the_base_comes_before_a_later_unreadable_resource()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "resources: [sa.yaml, missing.yaml]\n");
        dir.WriteFile("sa.yaml", DuplicateOfBase);

        var diagnostic = await PreloadedFaultAsync(dir.Path, Base());

        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DuplicateResourceId.Code), diagnostic.ToString());
    }

    [Test]
    public async Task A_resource_duplicating_the_base_comes_before_a_broken_base_folder_and_patch()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "resources: [sa.yaml, nested]\npatches:\n- path: missing.yaml\n");
        dir.WriteFile("sa.yaml", DuplicateOfBase);
        dir.WriteFile("nested/kustomization.yaml", "resources: [gone.yaml]\n");

        var diagnostic = await PreloadedFaultAsync(dir.Path, Base());

        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DuplicateResourceId.Code), diagnostic.ToString());
    }

    [Test]
    public async Task A_patch_that_matches_nothing_comes_before_an_invalid_image_pattern()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "patches:\n- path: p.yaml\nimages:\n- name: 'quay.io/(cilium'\n  newTag: x\n");
        dir.WriteFile("p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nowhere\ndata:\n  a: b\n");

        var first = await PreloadedFaultAsync(dir.Path, Base());
        dir.WriteFile("kustomization.yaml", "images:\n- name: 'quay.io/(cilium'\n  newTag: x\n");
        var alone = await PreloadedFaultAsync(dir.Path, Base());

        Assert.Multiple(() =>
        {
            Assert.That(first.Code, Is.Not.EqualTo(DiagnosticCatalog.ImageNameInvalid.Code), first.ToString());
            Assert.That(alone.Code, Is.EqualTo(DiagnosticCatalog.ImageNameInvalid.Code), alone.ToString());
        });
    }

    [Test]
    public async Task A_preloaded_kustomization_gives_the_same_bytes_as_loading_during_the_apply()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "commonLabels:\n  team: net\nimages:\n- name: quay.io/cilium/cilium\n  newTag: v1.18.2\npatches:\n- path: p.yaml\n");
        dir.WriteFile("p.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      priorityClassName: x\n");

        var live = await KustomizationApplier.ApplyAsync(Base(), dir.Path, KustomizeOptions.Default, CancellationToken.None);
        var prepared = await KustomizationApplier.PreloadAsync(dir.Path, CancellationToken.None);
        var preloaded = KustomizationApplier.Apply(Base(), prepared, KustomizeOptions.Default, CancellationToken.None);

        Assert.That(YamlWriter.Write(preloaded), Is.EqualTo(YamlWriter.Write(live)).And.Contains("priorityClassName: x"));
    }

    [Test]
    public async Task A_preloaded_kustomization_is_applied_once()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "commonLabels:\n  team: net\n");
        var prepared = await KustomizationApplier.PreloadAsync(dir.Path, CancellationToken.None);
        KustomizationApplier.Apply(Base(), prepared, KustomizeOptions.Default, CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => KustomizationApplier.Apply(Base(), prepared, KustomizeOptions.Default, CancellationToken.None));
    }
}
