using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Layouts;

/// <summary>Issue 15: one render, two outputs — the GitOps output and the Talos patch of the same documents.</summary>
public sealed class TalosPatchBesideOutputTests
{
    private static RenderRequest Request(TempDirectory temp) => new()
    {
        Chart = TestPaths.ChartArchive("1.18.1"),
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        ChartCacheDirectory = temp.Combine("cache"),
        Features = ["hubble-relay"],
        Layout = OutputLayout.Directory,
        OutputPath = temp.Combine("manifests"),
        TalosPatchPath = temp.Combine("patch.yaml"),
        TalosVersion = "1.14",
        SuppressedLints = ["TCR6007", "TCR6008", "TCR5010"],
    };

    [Test]
    public async Task A_directory_and_a_Talos_1_14_patch_hold_the_same_Secrets_and_a_second_render_changes_nothing()
    {
        using var temp = new TempDirectory();
        var request = Request(temp);

        var first = await new ManifestRenderer().RenderAsync(request);
        var directorySecrets = Secrets(Directory.GetFiles(temp.Combine("manifests"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)).SelectMany(f => YamlReader.ReadDocuments(File.ReadAllText(f), f)));
        var patch = YamlReader.ReadDocuments(File.ReadAllText(temp.Combine("patch.yaml")), "patch.yaml");
        var patchSecrets = Secrets(TalosConfig.InlineManifests(patch).SelectMany(m => YamlReader.ReadDocuments(m.Manifest, m.Name)));
        var before = Snapshot(temp);
        var second = await new ManifestRenderer().RenderAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.True, string.Join("\n", first.Diagnostics));
            Assert.That(first.Output, Is.EqualTo(OutputStatus.Written));
            Assert.That(first.OutputFiles, Has.Member(temp.Combine("patch.yaml")));
            Assert.That(directorySecrets, Has.Count.GreaterThan(1), "Hubble's generated TLS Secrets");
            Assert.That(patchSecrets.Keys, Is.EquivalentTo(directorySecrets.Keys));
            foreach (var (name, data) in directorySecrets)
            {
                Assert.That(patchSecrets[name], Is.EqualTo(data), name + ": the same certificates in both outputs");
            }

            Assert.That(File.ReadAllText(temp.Combine("patch.yaml")), Does.Contain(File.ReadLines(temp.Combine("manifests", "kustomization.yaml")).Skip(1).First()), "the same provenance header");
            foreach (var document in TalosConfig.Complete("1.14", patch))
            {
                Assert.That(TalosSchema.Violations("1.14", document), Is.Empty);
            }

            Assert.That(second.Succeeded, Is.True, string.Join("\n", second.Diagnostics));
            Assert.That(second.Output, Is.EqualTo(OutputStatus.Unchanged));
            Assert.That(Snapshot(temp), Is.EqualTo(before), "a second render changes nothing");
        });
    }

    [TestCase("patch")]
    [TestCase("main")]
    public async Task Check_mode_fails_when_either_output_is_stale(string stale)
    {
        using var temp = new TempDirectory();
        var request = Request(temp);
        var written = await new ManifestRenderer().RenderAsync(request);
        Assert.That(written.Succeeded, Is.True, string.Join("\n", written.Diagnostics));
        var edited = stale == "patch" ? temp.Combine("patch.yaml") : Directory.GetFiles(temp.Combine("manifests"), "*.yaml").First(f => File.ReadAllText(f).Contains("cilium:v1.18.1@", StringComparison.Ordinal));
        var text = File.ReadAllText(edited);
        Assert.That(text, Does.Contain("cilium:v1.18.1@"));
        File.WriteAllText(edited, text.Replace("cilium:v1.18.1@", "cilium:v1.18.0@", StringComparison.Ordinal));

        var check = await new ManifestRenderer().RenderAsync(request with { Mode = OutputMode.Check });

        Assert.Multiple(() =>
        {
            Assert.That(check.Succeeded, Is.False);
            Assert.That(check.Output, Is.EqualTo(OutputStatus.Stale));
            Assert.That(check.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.OutputStale }));
        });
    }

    [Test]
    public async Task The_patch_alone_seeds_the_carry_over_and_disagreeing_outputs_keep_the_main_outputs_certificates()
    {
        using var temp = new TempDirectory();
        var request = Request(temp);
        await new ManifestRenderer().RenderAsync(request with { OutputPath = temp.Combine("first"), TalosPatchPath = temp.Combine("patch.yaml") });
        var fromPatch = await new ManifestRenderer().RenderAsync(request);
        var seeded = Secrets(Directory.GetFiles(temp.Combine("manifests"), "*.yaml").SelectMany(f => YamlReader.ReadDocuments(File.ReadAllText(f), f)));
        var other = temp.Combine("other-patch.yaml");
        await new ManifestRenderer().RenderAsync(request with { OutputPath = temp.Combine("elsewhere"), TalosPatchPath = other });
        var disagreeing = await new ManifestRenderer().RenderAsync(request with { TalosPatchPath = other });
        var rewritten = Secrets(TalosConfig.InlineManifests(YamlReader.ReadDocuments(File.ReadAllText(other), other)).SelectMany(m => YamlReader.ReadDocuments(m.Manifest, m.Name)));

        Assert.Multiple(() =>
        {
            Assert.That(fromPatch.Succeeded, Is.True, string.Join("\n", fromPatch.Diagnostics));
            Assert.That(Secrets(Directory.GetFiles(temp.Combine("first"), "*.yaml").SelectMany(f => YamlReader.ReadDocuments(File.ReadAllText(f), f))), Is.EqualTo(seeded), "the new directory took the patch's certificates");
            Assert.That(disagreeing.Diagnostics.Select(d => d.Code), Has.Member(DiagnosticCodes.OutputsDisagree));
            Assert.That(rewritten, Is.EqualTo(seeded), "the main output's certificates win");
        });
    }

    [TestCase(OutputLayout.Talos, "patch.yaml")]
    [TestCase(OutputLayout.File, "out.yaml")]
    public async Task A_patch_beside_a_talos_layout_or_on_the_main_output_is_TCR0004(OutputLayout layout, string patchName)
    {
        using var temp = new TempDirectory();
        var result = await new ManifestRenderer().RenderAsync(Request(temp) with { Layout = layout, OutputPath = temp.Combine("out.yaml"), TalosPatchPath = temp.Combine(patchName) });
        Assert.That(result.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.InvalidOption }));
    }

    private static Dictionary<string, string> Secrets(IEnumerable<ManifestDocument> documents) =>
        documents.Select(d => d.Mapping).OfType<YamlMappingNode>()
            .Where(m => m.GetString("kind") == "Secret")
            .ToDictionary(m => m.GetPath("metadata", "name")!.ToString(), m => YamlWriter.WriteNode(m.Get("data") ?? new YamlMappingNode()), StringComparer.Ordinal);

    private static Dictionary<string, string> Snapshot(TempDirectory temp) =>
        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/cache/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.GetLastWriteTimeUtc(f).Ticks + ":" + File.ReadAllText(f), StringComparer.Ordinal);
}
