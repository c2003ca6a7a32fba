using System.Diagnostics;
using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class HelmCliTests
{
    private static readonly HelmTemplateArguments Arguments = new("cilium", "/charts/cilium.tgz", "kube-system", "operator:\n  replicas: 1\n", "1.33.0",
        ["gateway.networking.k8s.io/v1/GatewayClass", "monitoring.coreos.com/v1"]);

    [Test]
    public async Task Template_runs_helm_with_the_exact_arguments_an_isolated_home_and_the_users_registry_config()
    {
        using var temp = new TempDirectory();
        var record = temp.Combine("record.jsonl");
        var output = temp.WriteFile("output.yaml", "---\nkind: ConfigMap\n");
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_RECORD"] = record, ["FAKE_HELM_OUTPUT"] = output });
        var env = Environment(temp.Path, new Dictionary<string, string> { ["HELM_REGISTRY_CONFIG"] = "/home/me/.config/helm/registry/config.json" });

        string home;
        HelmResult result;
        using (var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(1), env))
        {
            home = helm.HomeDirectory;
            result = await helm.TemplateAsync(Arguments, CancellationToken.None);
        }

        var call = ReadRecord(record).Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Is.EqualTo("---\nkind: ConfigMap\n"));
            Assert.That(call.Args, Is.EqualTo(Arguments.ToArgumentList(call.Args[6])));
            Assert.That(Path.GetFileName(call.Args[6]), Is.EqualTo("values.yaml"));
            Assert.That(Path.GetFileName(Path.GetDirectoryName(call.Args[6])), Does.StartWith(HelmCli.TemplateFolderPrefix));
            Assert.That(File.Exists(call.Args[6]), Is.False, "helm's values file is removed after the run");
            Assert.That(call.Env["HELM_CACHE_HOME"], Does.StartWith(home + Path.DirectorySeparatorChar));
            Assert.That(call.Env["HELM_CONFIG_HOME"], Does.StartWith(home + Path.DirectorySeparatorChar));
            Assert.That(call.Env["HELM_DATA_HOME"], Does.StartWith(home + Path.DirectorySeparatorChar));
            Assert.That(call.Env["HELM_REPOSITORY_CONFIG"], Does.StartWith(home + Path.DirectorySeparatorChar));
            Assert.That(call.Env["HELM_REPOSITORY_CACHE"], Does.StartWith(home + Path.DirectorySeparatorChar));
            Assert.That(call.Env["HELM_REGISTRY_CONFIG"], Is.EqualTo("/home/me/.config/helm/registry/config.json"));
            Assert.That(Directory.Exists(home), Is.False, "the private helm home is deleted on dispose");
        });
    }

    [TestCase("HELM_CONFIG_HOME=/cfg/helm", "/cfg/helm/registry/config.json")]
    [TestCase("XDG_CONFIG_HOME=/xdg", "/xdg/helm/registry/config.json")]
    [TestCase("HOME=/home/me", "/home/me/.config/helm/registry/config.json")]
    public void Registry_config_defaults_to_helms_own_location_for_the_user(string variable, string expected)
    {
        var (name, value) = (variable.Split('=')[0], variable.Split('=')[1]);
        var env = Environment("/", new Dictionary<string, string> { [name] = value, ["HOME"] = name == "HOME" ? value : "/home/other" });

        Assert.That(HelmCli.UserRegistryConfig(env), Is.EqualTo(expected));
    }

    [Test]
    public async Task Stderr_warnings_do_not_fail_a_successful_run()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "stderr-noise" });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(1), Environment(temp.Path));

        var result = await helm.TemplateAsync(Arguments, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Does.Contain("kind: ConfigMap"));
            Assert.That(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(200));
        });
    }

    [Test]
    public void A_failing_helm_is_TCR1002_with_the_exit_code_arguments_and_stderr_tail()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "crash" });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(1), Environment(temp.Path));

        var diagnostic = Diagnose(() => helm.TemplateAsync(Arguments, CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1002"));
            Assert.That(diagnostic.Message, Does.Contain(" 3 ").And.Contain("--api-versions monitoring.coreos.com/v1"));
            Assert.That(diagnostic.Message, Does.Contain("Error: fake-helm crashed on purpose").And.Contain("stderr line 30").And.Contain("stderr line 12"));
            Assert.That(diagnostic.Message, Does.Not.Contain("stderr line 11\n"), "only the last 20 stderr lines are quoted");
        });
    }

    [Test]
    public void A_helm_printing_without_end_is_stopped_at_the_YAML_input_limit_with_TCR1016()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "endless-stdout" });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(5), Environment(temp.Path));
        var clock = Stopwatch.StartNew();

        var diagnostic = Diagnose(() => helm.TemplateAsync(Arguments, CancellationToken.None));

        TestContext.Out.WriteLine($"{diagnostic} ({clock.ElapsedMilliseconds} ms)");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1016"));
            Assert.That(diagnostic.Message, Does.Contain("helm template").And.Contain("16 MiB"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "stopped at the limit, not at the 5-minute timeout");
        });
    }

    [Test]
    public async Task Endless_warnings_on_stderr_are_drained_and_bounded_and_the_render_still_succeeds()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "endless-stderr" });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(5), Environment(temp.Path));

        var result = await helm.TemplateAsync(Arguments, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Does.Contain("kind: ConfigMap"));
            Assert.That(result.StandardError.Length, Is.LessThanOrEqualTo(1024 * 1024), "64 MiB of stderr are not kept");
        });
    }

    [Test]
    public async Task A_hanging_helm_is_killed_at_the_timeout_with_TCR1004()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("pid");
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "hang", ["FAKE_HELM_PID_FILE"] = pidFile });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromSeconds(2), Environment(temp.Path));

        var diagnostic = Diagnose(() => helm.TemplateAsync(Arguments, CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1004"));
        await AssertProcessGoneAsync(pidFile);
    }

    [Test]
    public async Task Cancellation_kills_a_hanging_helm_and_throws_OperationCanceledException()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("pid");
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_MODE"] = "hang", ["FAKE_HELM_PID_FILE"] = pidFile });
        using var helm = new HelmCli(FakeTool(script), TimeSpan.FromMinutes(5), Environment(temp.Path));
        using var cancellation = new CancellationTokenSource();

        var run = helm.TemplateAsync(Arguments, cancellation.Token);
        await WaitForFileAsync(pidFile);
        await cancellation.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        await AssertProcessGoneAsync(pidFile);
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Real_helm_templates_the_cilium_chart(string version)
    {
        using var temp = new TempDirectory();
        var env = Environment(temp.Path);
        var tool = await HelmLocator.LocateAsync(TestPaths.Helm(version), env, CancellationToken.None);
        using var helm = new HelmCli(tool, TimeSpan.FromMinutes(2), env);

        var result = await helm.TemplateAsync(
            new HelmTemplateArguments("cilium", TestPaths.ChartArchive("1.18.1"), "kube-system", "operator:\n  replicas: 1\n", "1.33.0", ["monitoring.coreos.com/v1"]),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Does.Contain("kind: DaemonSet").And.Contain("name: cilium\n"));
            Assert.That(result.StandardOutput, Does.Contain("namespace: kube-system"));
        });
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "FakeHelm never wrote its PID file");
            await Task.Delay(20);
        }
    }

    private static async Task AssertProcessGoneAsync(string pidFile)
    {
        await WaitForFileAsync(pidFile);
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(() => Process.GetProcessById(pid), Throws.ArgumentException, $"helm (PID {pid}) is still running");
    }
}
