using System.Text.RegularExpressions;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.IntegrationTests;

/// <summary>
/// The samples, built for real against the packed package with the real helm. Each test is one scenario of
/// consecutive builds of the same project, so every (slow) build serves several assertions.
/// </summary>
public sealed class SampleBuildTests
{
    private const string SkippedWrite = "Skipping target \"_TalosCiliumRenderWrite\" because all output files are up-to-date";

    private static void AssertSucceeded(DotNetRun run, string step) => Assert.That(run.ExitCode, Is.Zero, () => $"{step}: {run}");

    [Test]
    public async Task TalosCluster_renders_skips_when_unchanged_checks_and_survives_clean()
    {
        using var project = ConsumerProject.FromSample("TalosCluster");
        var output = project.PathOf("cilium-manifests.yaml");
        var cache = project.PathOf("obj/Debug/net10.0/TalosCiliumRender.inputs.cache");
        File.Delete(output);

        // A design-time build (what IDEs run constantly) does nothing.
        var designTime = await project.BuildAsync("-p:DesignTimeBuild=true");
        AssertSucceeded(designTime, "design-time build");
        Assert.That((File.Exists(output), project.TemplateRuns), Is.EqualTo((false, 0)), "design-time build rendered");

        // First build renders: the file equals a direct library render of the same settings.
        var first = await project.BuildAsync("-v:detailed");
        AssertSucceeded(first, "first build");
        var direct = await new ManifestRenderer(RenderEnvironment.FromProcess() with { WorkingDirectory = project.Folder }).RenderAsync(new RenderRequest
        {
            Chart = ConsumerProject.Chart,
            Version = "1.18.1",
            HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        });
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(output), Is.True);
            Assert.That(ManifestComparison.Differences(direct.Manifest!, File.ReadAllText(output)), Is.Empty);
            Assert.That(project.TemplateRuns, Is.EqualTo(1));
            Assert.That(first.Output, Does.Contain("TalosCiliumRender: [input] " + cache));
            Assert.That(first.Output, Does.Contain("TalosCiliumRender: [output] " + output));
            Assert.That(first.Output, Does.Contain("TalosCiliumRender: wrote cilium-manifests.yaml"));
        });

        // Second build: nothing changed, so the target is skipped, helm does not run and the file is not touched.
        var stamp = File.GetLastWriteTimeUtc(output);
        var second = await project.BuildAsync("-v:normal");
        AssertSucceeded(second, "second build");
        Assert.Multiple(() =>
        {
            Assert.That(second.Output, Does.Contain(SkippedWrite));
            Assert.That(project.TemplateRuns, Is.EqualTo(1), "helm ran on a no-op build");
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(stamp));
        });

        // Check mode passes on the fresh file, although the chart generated new Hubble certificates.
        var check = await project.BuildAsync("-p:TalosCiliumRenderMode=Check");
        AssertSucceeded(check, "check of a fresh file");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(2), "check mode always renders");
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(stamp));
        });

        // A stale file fails the check with TCR0008 naming the resource and field, and is left as it is.
        var good = File.ReadAllBytes(output);
        var stale = File.ReadAllText(output).Replace("image: \"quay.io/cilium/cilium:v1.18.1", "image: \"quay.io/cilium/cilium:v1.18.0", StringComparison.Ordinal);
        File.WriteAllText(output, stale);
        var staleCheck = await project.BuildAsync("-p:TalosCiliumRenderMode=Check");
        Assert.Multiple(() =>
        {
            Assert.That(staleCheck.ExitCode, Is.Not.Zero, staleCheck.ToString);
            Assert.That(staleCheck.Output, Does.Contain("error TCR0008: "));
            Assert.That(staleCheck.Output, Does.Contain("changed apps/v1 DaemonSet kube-system/cilium: spec.template.spec.containers[0].image"));
            Assert.That(File.ReadAllText(output), Is.EqualTo(stale));
        });

        // dotnet clean removes the build state but never the committed output.
        File.WriteAllBytes(output, good);
        File.SetLastWriteTimeUtc(output, stamp);
        var clean = await project.RunAsync(["clean", "-nologo", "-nodeReuse:false"]);
        AssertSucceeded(clean, "clean");
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(good));
            Assert.That(File.Exists(cache), Is.False, "the inputs cache is a FileWrite");
        });

        // After clean the target runs again, but a render that differs only in fresh certificates leaves the file alone.
        var afterClean = await project.BuildAsync();
        AssertSucceeded(afterClean, "build after clean");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(4));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(good));
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(stamp));
        });
    }

    [Test]
    public async Task MultiCluster_renders_every_cluster_and_rerenders_when_a_values_file_or_a_patch_changes()
    {
        using var project = ConsumerProject.FromSample("MultiCluster");
        var prod = project.PathOf("clusters/prod/cilium-manifests.yaml");
        var edge = project.PathOf("clusters/edge/cilium-manifests.yaml");
        File.Delete(prod);
        File.Delete(edge);

        var first = await project.BuildAsync();
        AssertSucceeded(first, "first build");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(2));
            Assert.That(File.ReadAllText(prod), Does.Contain("name: hubble-ui").And.Contain("enable-bandwidth-manager: \"true\""));
            Assert.That(File.ReadAllText(edge), Does.Contain("enable-bgp-control-plane: \"true\"").And.Contain("value: \"7446\"").And.Not.Contain("name: hubble-ui"));
            Assert.That(File.ReadAllText(prod), Does.Contain("memory: 2Gi"), "prod's strategic merge patch");
            Assert.That(File.ReadAllText(edge), Does.Contain("image: registry.edge.example/quay.io/cilium/cilium:").And.Contain("kind: CiliumLoadBalancerIPPool"), "edge's images and extra resource");
        });

        // Changing one cluster's values file re-renders; the other cluster's file is equivalent and stays untouched.
        var prodStamp = File.GetLastWriteTimeUtc(prod);
        project.Write("clusters/edge/values.yaml", "operator:\n  replicas: 3\n");
        var second = await project.BuildAsync();
        AssertSucceeded(second, "build after a values change");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(4));
            Assert.That(File.ReadAllText(edge), Does.Contain("replicas: 3"));
            Assert.That(File.GetLastWriteTimeUtc(prod), Is.EqualTo(prodStamp));
        });

        // As Visual Studio 2026 (MSBuild 18, .NET Framework) would run it: in a .NET task host. Here in check mode.
        var taskHost = await project.BuildAsync("-p:TalosCiliumRenderMode=Check", "-p:_TalosCiliumRenderRuntimeType=Full", "-p:_TalosCiliumRenderMSBuildVersion=18.0", "-v:diag");
        AssertSucceeded(taskHost, "check in the task host");
        Assert.Multiple(() =>
        {
            Assert.That(taskHost.Output, Does.Contain("Launching task \"RenderCiliumManifest\" from assembly").And.Contain("in an external task host with a runtime of \"NET\""));
            Assert.That(taskHost.Output, Does.Contain("TalosCiliumRender: clusters/prod/cilium-manifests.yaml is up to date"));
            Assert.That(project.TemplateRuns, Is.EqualTo(6));
        });

        // Changing a patch file re-renders; the other cluster's file is equivalent and stays untouched.
        var edgeStamp = File.GetLastWriteTimeUtc(edge);
        project.Write("clusters/prod/patches/agent-resources.yaml", File.ReadAllText(project.PathOf("clusters/prod/patches/agent-resources.yaml")).Replace("memory: 2Gi", "memory: 3Gi", StringComparison.Ordinal));
        var afterPatch = await project.BuildAsync();
        AssertSucceeded(afterPatch, "build after a patch change");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(8));
            Assert.That(File.ReadAllText(prod), Does.Contain("memory: 3Gi"));
            Assert.That(File.GetLastWriteTimeUtc(edge), Is.EqualTo(edgeStamp));
        });
    }

    [Test]
    public async Task Bad_values_unknown_feature_and_missing_helm_fail_with_their_codes_and_leave_outputs_untouched()
    {
        const string Precious = "# committed\nkind: ConfigMap\n";
        using var project = ConsumerProject.Create("Failing.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
                <TalosCiliumRender Include="bad-values.yaml" ValuesFiles="values/bad.yaml" />
                <TalosCiliumRender Include="unknown-feature.yaml" Features="hubble;warp-drive" />
                <TalosCiliumRender Include="missing-helm.yaml" HelmPath="tools/no-such-helm" />
              </ItemGroup>
            </Project>
            """);
        project.Write("values/bad.yaml", "hubble:\n  enabled: [true\n");
        string[] outputs = ["bad-values.yaml", "unknown-feature.yaml", "missing-helm.yaml"];
        foreach (var output in outputs)
        {
            project.Write(output, Precious);
        }

        var build = await project.BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(build.ExitCode, Is.Not.Zero, build.ToString);
            Assert.That(build.Output, Does.Match($@"{Regex.Escape(project.PathOf("values/bad.yaml"))}\(\d+,\d+\): error TCR3002: "));
            Assert.That(build.Output, Does.Contain("error TCR0003: "));
            Assert.That(build.Output, Does.Contain("error TCR1001: "));
            Assert.That(build.Output, Does.Not.Contain("   at "), "no stack trace");
            foreach (var output in outputs)
            {
                Assert.That(File.ReadAllText(project.PathOf(output)), Is.EqualTo(Precious), output);
            }

            Assert.That(Directory.GetFiles(project.Folder, "*.tmp"), Is.Empty, "no temporary files left behind");
        });
    }

    [Test]
    public async Task Files_reached_through_bases_and_components_outside_the_overlay_rerender_when_edited_or_deleted()
    {
        using var project = ConsumerProject.Create("Overlay.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <TalosCiliumRenderKustomization>kustomize/overlays/prod</TalosCiliumRenderKustomization>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
              </ItemGroup>
            </Project>
            """);
        // The base and the component lie outside the overlay's folder, so only the list the task writes makes them inputs.
        project.Write("kustomize/overlays/prod/kustomization.yaml", "resources:\n- ../../base\ncomponents:\n- ../../components/site\n");
        project.Write("kustomize/base/kustomization.yaml", "resources:\n- pool.yaml\n");
        var pool = project.Write("kustomize/base/pool.yaml", "apiVersion: cilium.io/v2\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: services\nspec:\n  blocks:\n  - cidr: 192.0.2.0/27\n");
        var component = project.Write("kustomize/components/site/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  example.com/site: east\n");
        var output = project.PathOf("cilium-manifests.yaml");

        // The first build has no list of inputs yet (nothing under obj/): it renders, through the base and the component.
        var first = await project.BuildAsync();
        AssertSucceeded(first, "first build");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(1));
            Assert.That(File.ReadAllText(output), Does.Contain("kind: CiliumLoadBalancerIPPool").And.Contain("cidr: 192.0.2.0/27").And.Contain("example.com/site: east"));
        });

        // Nothing changed: skipped, although the base and the component are now inputs.
        var stamp = File.GetLastWriteTimeUtc(output);
        var second = await project.BuildAsync("--no-restore", "-v:detailed");
        AssertSucceeded(second, "build without a change");
        Assert.Multiple(() =>
        {
            Assert.That(second.Output, Does.Contain(SkippedWrite));
            Assert.That(second.Output, Does.Match(@"TalosCiliumRender: \[input\] \S*" + Regex.Escape(Path.Combine("kustomize", "base", "pool.yaml"))));
            Assert.That(project.TemplateRuns, Is.EqualTo(1), "helm ran on a no-op build");
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(stamp));
        });

        // An edit in the base re-renders, and so does one in the component.
        var renders = 1;
        foreach (var (edited, before, after) in new[] { (pool, "cidr: 192.0.2.0/27", "cidr: 192.0.2.64/27"), (component, "example.com/site: east", "example.com/site: west") })
        {
            File.WriteAllText(edited, File.ReadAllText(edited).Replace(before, after, StringComparison.Ordinal));
            var rebuilt = await project.BuildAsync("--no-restore");
            AssertSucceeded(rebuilt, "build after an edit of " + edited);
            renders++;
            Assert.Multiple(() =>
            {
                Assert.That(project.TemplateRuns, Is.EqualTo(renders), edited);
                Assert.That(File.ReadAllText(output), Does.Contain(after).And.Not.Contain(before), edited);
            });
        }

        // A base file deleted while the base still names it fails with the code naming it, the output untouched; and
        // the next build fails again instead of skipping on the list the failed render rewrote without that file.
        var rendered = File.ReadAllBytes(output);
        File.Delete(pool);
        foreach (var attempt in new[] { "build after a base file was deleted", "next build without a fix" })
        {
            var failed = await project.BuildAsync("--no-restore");
            Assert.Multiple(() =>
            {
                Assert.That(failed.ExitCode, Is.Not.Zero, () => $"{attempt}: {failed}");
                Assert.That(failed.Output, Does.Contain("error TCR2055: 'pool.yaml' named in"), attempt);
                Assert.That(File.ReadAllBytes(output), Is.EqualTo(rendered), attempt);
            });
        }
    }

    [Test]
    public async Task Multi_targeting_project_renders_once()
    {
        using var project = ConsumerProject.Create("MultiTarget.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
              </ItemGroup>
            </Project>
            """);

        var build = await project.BuildAsync();

        AssertSucceeded(build, "multi-targeting build");
        Assert.Multiple(() =>
        {
            Assert.That(project.TemplateRuns, Is.EqualTo(1), "the outer build renders; inner builds skip");
            Assert.That(File.Exists(project.PathOf("cilium-manifests.yaml")), Is.True);
        });
    }
}
