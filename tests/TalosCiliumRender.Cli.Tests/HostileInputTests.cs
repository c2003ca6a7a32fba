using System.Text;
using TalosCiliumRender.Core;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>
/// The hostile-but-realistic command lines of issue 9: every one ends in coded one-line messages, never a stack
/// trace or a .NET type name, with the existing output untouched and helm never started for a bad option.
/// </summary>
public sealed class HostileInputTests
{
    private const string Precious = "# committed output that must survive\nkind: ConfigMap\n";

    private static string[] Render(TempDirectory temp, params string[] args) =>
        ["render", .. args.Contains("--chart") ? [] : new[] { "--chart", TestPaths.ChartArchive("1.18.1") }, "--chart-cache", temp.Combine("cache"), "-o", "out.yaml", .. args];

    private static void AssertCleanFailure(CliRun run, string code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain($"error {code}: "), run.ToString);
            Assert.That(run.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
            Assert.That(run.Error, Does.Not.Contain("System.").And.Not.Contain("Nullable`1").And.Not.Contain("Int32"), "no .NET type names");
            Assert.That(run.Error, Does.Not.Contain("Usage:"), "one line per problem, not the help page");
        });
    }

    // helm is a path that does not exist: a bad option must be reported before helm is looked for (TCR1001).
    [TestCase("TCR0030", "--timeout", "abc")]
    [TestCase("TCR0030", "--timeout")]
    [TestCase("TCR0004", "--timeout", "2147483647")]
    [TestCase("TCR0004", "--timeout", "3601")]
    [TestCase("TCR0004", "--timeout", "0")]
    [TestCase("TCR0004", "--timeout", "-1")]
    [TestCase("TCR0004", "--renew-before", "99999999")]
    [TestCase("TCR0004", "--renew-before", "-1")]
    [TestCase("TCR0030", "--renew-before", "99999999999")]
    [TestCase("TCR0030", "--kubeprism-port", "x")]
    [TestCase("TCR0004", "--kubeprism-port", "70000")]
    [TestCase("TCR0030", "--no-such-option")]
    [TestCase("TCR0004", "--chart", "oci://")]
    [TestCase("TCR0004", "--namespace", "Kube_System")]
    [TestCase("TCR0004", "--namespace", "a.b")]
    [TestCase("TCR0004", "--release", "Cilium")]
    [TestCase("TCR0004", "--release", "cilium-release-name-that-is-longer-than-fifty-three-chars")]
    [TestCase("TCR0004", "--kubeprism-host", "a..b")]
    [TestCase("TCR0004", "--kubeprism-host", "localhost:7445")]
    [TestCase("TCR0004", "--layout", "tree")]
    [TestCase("TCR0004", "--talos-dns-forwarding", "maybe")]
    public async Task A_bad_option_is_a_coded_line_before_helm_runs(string code, params string[] option)
    {
        using var temp = new TempDirectory();
        var output = temp.WriteFile("out.yaml", Precious);
        var before = File.GetLastWriteTimeUtc(output);

        var run = await Cli.RunAsync(temp.Path, Render(temp, ["--helm", temp.Combine("no-such-helm"), .. option]));

        AssertCleanFailure(run, code);
        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Does.Not.Contain("TCR1001"), "helm was not looked for");
            Assert.That(run.Error, Does.Contain(option[0] == "--chart" ? option[1] : option[0]), "the message names the option");
            Assert.That(File.ReadAllText(output), Is.EqualTo(Precious));
            Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Renew_before_is_echoed_in_days()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, Render(temp, "--renew-before", "-1"));

        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Does.Contain("Invalid value '-1' for the certificate renewal window in days (--renew-before"));
            Assert.That(run.Error, Does.Not.Contain("1.00:00:00"));
        });
    }

    [Test]
    public async Task Several_bad_options_are_reported_in_one_run()
    {
        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(temp.Path, Render(temp, "--namespace", "Bad_NS", "--release", "UPPER", "--kubeprism-host", "a..b", "--timeout", "0", "--renew-before", "-5"));

        AssertCleanFailure(run, "TCR0004");
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(5), run.ToString);
    }

    [Test]
    public async Task A_folder_as_values_file_says_it_is_a_folder()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("values"));
        var run = await Cli.RunAsync(temp.Path, Render(temp, "--helm", TestPaths.Helm(TestPaths.Helm3Version), "-f", "values"));

        AssertCleanFailure(run, "TCR0032");
        Assert.That(run.Error, Does.Contain("is a folder").And.Not.Contain("does not exist"));
    }

    [Test]
    public async Task A_folder_without_helm_as_helm_says_it_is_a_folder()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("tools"));
        var run = await Cli.RunAsync(temp.Path, Render(temp, "--helm", "tools"));

        AssertCleanFailure(run, "TCR1001");
        Assert.That(run.Error, Does.Contain("is a folder with no executable 'helm' in it"));
    }

    [TestCase("a: 1\n", TestName = "diff of a values file is TCR0033 exit 2")]
    [TestCase("- 1\n- 2\n", TestName = "diff of a plain list is TCR0033 exit 2")]
    [TestCase("", TestName = "diff of an empty file is TCR0033 exit 2")]
    [TestCase("apiVersion: v1\nkind: ConfigMap\n", TestName = "diff of an object without a name is TCR0033 exit 2")]
    public async Task Diff_of_inputs_without_Kubernetes_objects_is_exit_2(string content)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("a.yaml", content);
        temp.WriteFile("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");

        var forward = await Cli.RunAsync(temp.Path, "diff", "a.yaml", "b.yaml");
        var backward = await Cli.RunAsync(temp.Path, "diff", "b.yaml", "a.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(forward.ExitCode, Is.EqualTo(2), forward.ToString);
            Assert.That(backward.ExitCode, Is.EqualTo(2), backward.ToString);
            Assert.That(forward.Error, Does.Contain("a.yaml").And.Contain("error TCR0033: "));
            Assert.That(forward.Output + backward.Output, Does.Not.Contain("added"));
        });
    }

    [Test]
    public async Task Diff_usage_errors_and_device_inputs_are_exit_2()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");

        var missing = await Cli.RunAsync(temp.Path, "diff", "b.yaml");
        var device = await Cli.RunAsync(temp.Path, "diff", "/dev/null", "b.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString);
            AssertCleanFailure(missing, "TCR0030");
            Assert.That(device.ExitCode, Is.EqualTo(2), device.ToString);
            AssertCleanFailure(device, "TCR0033");
        });
    }

    [TestCase(null, false)]
    [TestCase("1", true)]
    public async Task A_bug_is_one_coded_line_with_the_stack_trace_only_on_request(string? debug, bool trace)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("kustomization.yaml", "resources: [cm.yaml]\n");
        temp.WriteFile("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = RenderEnvironment.FromProcess() with
        {
            WorkingDirectory = temp.Path,
            GetVariable = name => name == CliApplication.DebugVariable ? debug : Environment.GetEnvironmentVariable(name),
        };
        // Standard output that fails stands in for any bug: the exception escapes the command.
        var console = new CliConsole(output, error, () => throw new InvalidOperationException("stdout is broken"), environment);

        var exitCode = await CliApplication.RunAsync(["kustomize", temp.Path], console, CancellationToken.None);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("talos-cilium: error TCR9999: Internal error: InvalidOperationException: stdout is broken"));
            Assert.That(lines, trace ? Has.Length.GreaterThan(2) : Has.Length.EqualTo(1), error.ToString);
            Assert.That(error.ToString(), trace ? Does.Contain("   at ") : Does.Not.Contain("   at ").And.Contain(CliApplication.DebugVariable + "=1"));
        });
    }

    [Test]
    public async Task A_bug_in_diff_is_exit_2()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        // A writer that fails stands in for any bug while diff prints its report.
        var console = new CliConsole(new FailingWriter(), error, () => Stream.Null, RenderEnvironment.FromProcess() with { WorkingDirectory = temp.Path });

        var exitCode = await CliApplication.RunAsync(["diff", "a.yaml", "a.yaml"], console, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), error.ToString);
            Assert.That(error.ToString(), Does.Contain("error TCR9999: "));
        });
    }

    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("output is broken");
    }
}
