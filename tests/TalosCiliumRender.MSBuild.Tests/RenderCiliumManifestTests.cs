using System.Diagnostics;
using System.Reflection;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace TalosCiliumRender.MSBuild.Tests;

public sealed class RenderCiliumManifestTests
{
    private const string Precious = "# committed output\nkind: ConfigMap\n";

    private static (RenderCiliumManifest Task, FakeBuildEngine Engine) Create(TempDirectory temp, string? mode, params ITaskItem[] renders)
    {
        var engine = new FakeBuildEngine();
        var task = new RenderCiliumManifest
        {
            BuildEngine = engine,
            Renders = renders,
            ProjectFile = temp.Combine("Cluster.csproj"),
            Mode = mode,
        };
        return (task, engine);
    }

    private static TaskItem Render(string output, params (string Name, string Value)[] metadata) => RenderItem.Of(output, metadata);

    /// <summary>A FakeHelm wrapper; FAKE_HELM_* variables select its behaviour.</summary>
    private static string FakeHelm(TempDirectory temp, params (string Name, string Value)[] variables) =>
        FakeHelmScript.Create(temp.Combine("bin"), "helm", variables.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    private static (string Name, string Value)[] Chart => [("Chart", TestPaths.ChartArchive("1.18.1"))];

    [Test]
    public void Required_parameters_keep_their_Required_attribute()
    {
        // MSBuild checks [Required] before Execute; losing one silently turns a missing input into a default.
        var required = typeof(RenderCiliumManifest).GetProperties()
            .Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);
        Assert.That(required, Is.EqualTo(new[] { "ProjectFile", "Renders" }));
    }

    [Test]
    public void Renders_with_helm_and_reports_the_written_file_at_high_importance()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelm(temp);
        var (task, engine) = Create(temp, "Write", Render("out/cilium-manifests.yaml", [.. Chart, ("HelmPath", helm), ("Features", "hubble; bgp")]));
        Directory.CreateDirectory(temp.Combine("out"));

        var succeeded = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.True, engine.ToString);
            Assert.That(File.ReadAllText(temp.Combine("out", "cilium-manifests.yaml")), Does.Contain("name: fake"));
            Assert.That(engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message), Has.Some.StartsWith("TalosCiliumRender: wrote out/cilium-manifests.yaml"));
            Assert.That(engine.Messages.Where(m => m.Importance == MessageImportance.Low).Select(m => m.Message), Has.Some.Contains("[input]").And.Contains("features=hubble,bgp"));
        });
    }

    [Test]
    public void A_bad_values_file_is_an_error_with_its_full_path_line_and_column_and_leaves_the_output_alone()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values/bad.yaml", "hubble:\n  enabled: [true\n");
        var output = temp.WriteFile("cilium-manifests.yaml", Precious);
        var (task, engine) = Create(temp, null, Render("cilium-manifests.yaml", [.. Chart, ("ValuesFiles", "values/bad.yaml"), ("HelmPath", FakeHelm(temp))]));

        var succeeded = task.Execute();

        var error = engine.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.False);
            Assert.That(error.Code, Is.EqualTo("TCR3002"));
            Assert.That(error.File, Is.EqualTo(temp.Combine("values", "bad.yaml")));
            Assert.That(error.LineNumber, Is.GreaterThan(0));
            Assert.That(error.ColumnNumber, Is.GreaterThan(0));
            Assert.That(error.HelpLink, Does.EndWith("/docs/diagnostics/TCR3002.md"));
            Assert.That(File.ReadAllText(output), Is.EqualTo(Precious));
        });
    }

    [Test]
    public void Errors_without_a_file_name_the_project_and_several_renders_report_all_their_errors()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp, null,
            Render("a.yaml", [.. Chart, ("Features", "warp-drive")]),
            Render("b.yaml", [.. Chart, ("HelmPath", temp.Combine("no-such-helm"))]));

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0003", "TCR1001" }));
            Assert.That(engine.Errors.Select(e => e.File), Is.All.EqualTo(temp.Combine("Cluster.csproj")));
            Assert.That(engine.Errors.Select(e => e.Message), Has.Some.Contains("'b.yaml'"), "each error names its render");
            Assert.That(Directory.GetFiles(temp.Path), Is.Empty);
        });
    }

    [Test]
    public void Layout_and_lint_metadata_reach_the_render()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelm(temp);
        var (task, engine) = Create(temp, "Write",
            Render("talos-patch.yaml", [.. Chart, ("HelmPath", helm), ("Layout", "talos"), ("TalosVersion", "1.13"), ("SuppressLints", "TCR5010"), ("Lint", "false")]),
            Render("manifests", [.. Chart, ("HelmPath", helm), ("Layout", "Directory")]));

        var succeeded = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.True, engine.ToString);
            Assert.That(File.ReadAllText(temp.Combine("talos-patch.yaml")), Does.Contain("inlineManifests:"));
            Assert.That(File.Exists(temp.Combine("manifests", "kustomization.yaml")), Is.True);
        });
    }

    [Test]
    public void A_value_the_chart_never_reads_fails_the_build_before_helm_unless_allowed()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelm(temp);
        var (refused, refusedEngine) = Create(temp, "Write", Render("a.yaml", [.. Chart, ("HelmPath", helm), ("SetValues", "kubeProxyReplacment=false")]));
        var refusedResult = refused.Execute();
        var (allowed, allowedEngine) = Create(temp, "Write", Render("b.yaml", [.. Chart, ("HelmPath", helm), ("SetValues", "kubeProxyReplacment=false"), ("AllowUnknownValues", "true"), ("Lint", "false")]));
        var allowedResult = allowed.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(refusedResult, Is.False);
            Assert.That(refusedEngine.ErrorCodes, Is.EqualTo(new[] { "TCR0101" }));
            Assert.That(refusedEngine.Errors.Single().Message, Does.Contain("Did you mean 'kubeProxyReplacement'?"));
            Assert.That(File.Exists(temp.Combine("a.yaml")), Is.False);
            Assert.That(allowedResult, Is.True, allowedEngine.ToString);
            Assert.That(allowedEngine.Warnings.Select(w => w.Code), Has.Member("TCR0101"), "reported as a warning");
            Assert.That(File.Exists(temp.Combine("b.yaml")), Is.True);
        });
    }

    [TestCase("Layout", "folder")]
    [TestCase("Lint", "sometimes")]
    [TestCase("CarryOverSecrets", "yes")]
    [TestCase("RenewBeforeDays", "a month")]
    [TestCase("Mode", "Chekc")]
    [TestCase("KubePrismPort", "seven")]
    [TestCase("AllowUnmatchedPatches", "maybe")]
    [TestCase("AllowUnknownValues", "perhaps")]
    [TestCase("AllowMinorSkip", "maybe")]
    [TestCase("AllowDowngrade", "yes")]
    [TestCase("Timeout", "5m")]
    [TestCase("Timeout", "0")]
    [TestCase("Timeout", "-1")]
    [TestCase("Timeout", "2147483647")]
    [TestCase("RenewBeforeDays", "-1")]
    [TestCase("RenewBeforeDays", "99999999")]
    [TestCase("Namespace", "Kube_System")]
    [TestCase("ReleaseName", "Cilium")]
    [TestCase("KubePrismHost", "a..b")]
    public void Invalid_settings_are_TCR0004_before_anything_runs(string name, string value)
    {
        using var temp = new TempDirectory();
        var item = Render("cilium-manifests.yaml", Chart);
        string? mode = null;
        if (name == "Mode")
        {
            mode = value;
        }
        else
        {
            item.SetMetadata(name, value);
        }

        var (task, engine) = Create(temp, mode, item);

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0004" }));
        });
    }

    [Test]
    public void The_upgrade_overrides_map_from_item_metadata()
    {
        var (requests, diagnostics) = RenderItems.ToRequests(
            [Render("a.yaml", ("AllowMinorSkip", "true"), ("AllowDowngrade", " True ")), Render("b.yaml"), Render("c.yaml", ("AllowMinorSkip", "false"), ("AllowDowngrade", ""))],
            null);
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics, Is.Empty);
            Assert.That(requests.Select(r => (r.AllowMinorSkip, r.AllowDowngrade)), Is.EqualTo(new[] { (true, true), (false, false), (false, false) }));
        });
    }

    [Test]
    public void A_skipped_minor_fails_the_build_with_TCR1101_and_AllowMinorSkip_renders_it()
    {
        using var temp = new TempDirectory();
        var helm = TestPaths.Helm(TestPaths.Helm3Version);
        (string, string)[] common = [("HelmPath", helm), ("ChartCache", temp.Combine("cache")), ("Lint", "false")];
        var (first, firstEngine) = Create(temp, null, Render("cilium-manifests.yaml", [("Chart", TestPaths.ChartArchive("1.17.18")), .. common]));
        Assert.That(first.Execute(), Is.True, firstEngine.ToString);
        var before = File.ReadAllBytes(temp.Combine("cilium-manifests.yaml"));

        var (refused, refusedEngine) = Create(temp, null, Render("cilium-manifests.yaml", [("Chart", TestPaths.ChartArchive("1.19.6")), .. common]));
        var refusedResult = refused.Execute();
        var unchanged = File.ReadAllBytes(temp.Combine("cilium-manifests.yaml")).AsSpan().SequenceEqual(before);
        var (allowed, allowedEngine) = Create(temp, null, Render("cilium-manifests.yaml", [("Chart", TestPaths.ChartArchive("1.19.6")), ("AllowMinorSkip", "true"), .. common]));

        Assert.Multiple(() =>
        {
            Assert.That(refusedResult, Is.False);
            Assert.That(refusedEngine.ErrorCodes, Is.EqualTo(new[] { "TCR1101" }));
            Assert.That(unchanged, Is.True);
            Assert.That(allowed.Execute(), Is.True, allowedEngine.ToString);
            Assert.That(File.ReadAllText(temp.Combine("cilium-manifests.yaml")), Does.Contain("# upgrade-compatibility: 1.17 "));
        });
    }

    [Test]
    public void A_bug_is_TCR9999_never_a_raw_exception()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp, null, Render("a.yaml", Chart));
        // A project path .NET cannot handle stands in for any bug inside the task.
        task.ProjectFile = "bad\0project.csproj";

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute, Throws.Nothing);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR9999" }));
        });
    }

    [Test]
    public void Two_renders_of_one_file_are_TCR0009()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp, null, Render(temp.Combine("x.yaml"), Chart), Render(temp.Combine("x.yaml"), Chart));
        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0009" }));
        });
    }

    [Test]
    public void Helm_warnings_become_TCR1050_warnings_and_helm_failures_TCR1002_with_the_stderr_tail()
    {
        using var temp = new TempDirectory();
        var noisy = FakeHelm(temp, ("FAKE_HELM_MODE", "stderr-noise"));
        var (warnTask, warnEngine) = Create(temp, null, Render("noisy.yaml", [.. Chart, ("HelmPath", noisy)]));
        var warned = warnTask.Execute();

        var crashing = FakeHelm(temp, ("FAKE_HELM_MODE", "crash"));
        var (failTask, failEngine) = Create(temp, null, Render("crash.yaml", [.. Chart, ("HelmPath", crashing)]));
        var failed = failTask.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(warned, Is.True, warnEngine.ToString);
            Assert.That(warnEngine.Warnings.Select(w => w.Code), Is.EqualTo(new[] { "TCR1050" }));
            Assert.That(failed, Is.False);
            Assert.That(failEngine.ErrorCodes, Is.EqualTo(new[] { "TCR1002" }));
            Assert.That(failEngine.Errors.Single().Message, Does.Contain("fake-helm crashed on purpose"));
            Assert.That(File.Exists(temp.Combine("crash.yaml")), Is.False);
        });
    }

    [Test]
    public void Check_mode_reports_a_stale_file_as_TCR0008_and_does_not_write()
    {
        using var temp = new TempDirectory();
        var output = temp.WriteFile("cilium-manifests.yaml", Precious);
        var (task, engine) = Create(temp, "check", Render("cilium-manifests.yaml", [.. Chart, ("HelmPath", FakeHelm(temp))]));

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0008" }));
            Assert.That(engine.Errors.Single().File, Is.EqualTo(output));
            Assert.That(File.ReadAllText(output), Is.EqualTo(Precious));
        });
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // device nodes and symbolic links as Unix has them
    public async Task Outputs_follow_links_and_write_devices_in_place_through_the_core_writer()
    {
        using var temp = new TempDirectory();
        var helm = FakeHelm(temp);
        var shared = temp.WriteFile("shared/cilium.yaml", Precious);
        File.CreateSymbolicLink(temp.Combine("linked.yaml"), "shared/cilium.yaml");
        Directory.CreateDirectory(temp.Combine("shared", "folder"));
        Directory.CreateSymbolicLink(temp.Combine("folder-link"), temp.Combine("shared", "folder"));
        var device = await SpecialFiles.NullDeviceAsync(temp.Path, "null");
        var (task, engine) = Create(temp, "Write",
            Render("linked.yaml", [.. Chart, ("HelmPath", helm)]),
            Render("folder-link", [.. Chart, ("HelmPath", helm), ("Layout", "Directory")]),
            Render("null", [.. Chart, ("HelmPath", helm)]));

        var succeeded = task.Execute();

        Assert.Multiple(async () =>
        {
            Assert.That(succeeded, Is.True, engine.ToString);
            Assert.That(await SpecialFiles.TypeOfAsync(temp.Combine("linked.yaml")), Is.EqualTo("symbolic link"));
            Assert.That(File.ReadAllText(shared), Does.Contain("name: fake"), "the link's target got the render");
            Assert.That(await SpecialFiles.TypeOfAsync(temp.Combine("folder-link")), Is.EqualTo("symbolic link"));
            Assert.That(File.Exists(temp.Combine("shared", "folder", "kustomization.yaml")), Is.True, "the linked folder got the layout");
            Assert.That(await SpecialFiles.TypeOfAsync(device), Is.EqualTo("character special file"));
        });
    }

    [Test]
    public async Task Check_mode_against_a_device_is_TCR0010()
    {
        using var temp = new TempDirectory();
        var device = await SpecialFiles.NullDeviceAsync(temp.Path, "null");
        var (task, engine) = Create(temp, "check", Render("null", [.. Chart, ("HelmPath", FakeHelm(temp))]));

        Assert.Multiple(async () =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(new[] { "TCR0010" }));
            Assert.That(await SpecialFiles.TypeOfAsync(device), Is.EqualTo("character special file"));
        });
    }

    [Test]
    public void Files_reached_through_bases_and_components_are_listed_as_inputs_for_the_next_build()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("kustomize/base/kustomization.yaml", "resources:\n- pool.yaml\n");
        temp.WriteFile("kustomize/base/pool.yaml", "apiVersion: cilium.io/v2alpha1\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: pool\nspec:\n  blocks:\n  - cidr: 10.0.0.0/24\n");
        temp.WriteFile("kustomize/components/labels/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonLabels:\n  site: a\n");
        temp.WriteFile("kustomize/overlays/prod/kustomization.yaml", "resources:\n- ../../base\ncomponents:\n- ../../components/labels\n");
        var inputs = temp.Combine("obj", "TalosCiliumRender.kustomization-inputs");
        var (task, engine) = Create(temp, "Write", Render("cilium-manifests.yaml", [.. Chart, ("HelmPath", FakeHelm(temp)), ("Kustomization", "kustomize/overlays/prod")]));
        task.KustomizationInputsFile = inputs;

        var succeeded = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.True, engine.ToString);
            Assert.That(File.ReadAllText(temp.Combine("cilium-manifests.yaml")), Does.Contain("name: pool").And.Contains("site: a"));
            Assert.That(File.ReadAllLines(inputs), Is.EqualTo(new[]
            {
                "kustomize/base/kustomization.yaml",
                "kustomize/base/pool.yaml",
                "kustomize/components/labels/kustomization.yaml",
                "kustomize/overlays/prod/kustomization.yaml",
            }.Select(f => Path.Combine(RealPath(temp.Path), f))));
        });
    }

    private static string RealPath(string path) => new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    [Test]
    public async Task Cancel_stops_helm_and_the_task_returns_promptly()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("helm.pid");
        var hanging = FakeHelm(temp, ("FAKE_HELM_MODE", "hang"), ("FAKE_HELM_PID_FILE", pidFile));
        var (task, engine) = Create(temp, null, Render("cilium-manifests.yaml", [.. Chart, ("HelmPath", hanging)]));

        var execution = Task.Run(task.Execute);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(pidFile) && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Assert.That(File.Exists(pidFile), Is.True, "helm template started: " + engine);
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        var cancelled = Stopwatch.StartNew();
        task.Cancel();
        var succeeded = await execution.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.False);
            Assert.That(cancelled.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(ChildProcess.IsRunning(pid), Is.False, "helm was killed");
            Assert.That(engine.Errors, Is.Empty, "cancellation is not a user error");
            Assert.That(File.Exists(temp.Combine("cilium-manifests.yaml")), Is.False);
        });
    }
}
