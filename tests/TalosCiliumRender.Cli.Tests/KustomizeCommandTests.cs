using System.Text;

namespace TalosCiliumRender.Cli.Tests;

public sealed class KustomizeCommandTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n";

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdout = new MemoryStream();
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(output, error, () => stdout), CancellationToken.None);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()) + output, error.ToString());
    }

    private static TempDirectory Overlay(string kustomization)
    {
        var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", kustomization);
        dir.WriteFile("cm.yaml", ConfigMap);
        return dir;
    }

    [Test]
    public async Task Dash_output_is_stdout_and_a_linked_output_keeps_its_link()
    {
        using var dir = Overlay("resources: [cm.yaml]\n");
        var target = dir.WriteFile("shared/out.yaml", "old: 1\n");
        File.CreateSymbolicLink(dir.Combine("out.yaml"), "shared/out.yaml");

        var dash = await RunAsync("kustomize", dir.Path, "-o", "-");
        var linked = await RunAsync("kustomize", dir.Path, "-o", dir.Combine("out.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(dash.ExitCode, Is.Zero, dash.Stderr);
            Assert.That(dash.Stdout, Does.Contain("name: web"));
            Assert.That(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")), Is.False, "no file named '-'");
            Assert.That(linked.ExitCode, Is.Zero, linked.Stderr);
            Assert.That(new FileInfo(dir.Combine("out.yaml")).LinkTarget, Is.EqualTo("shared/out.yaml"));
            Assert.That(File.ReadAllText(target), Does.Contain("name: web"));
        });
    }

    [Test]
    public async Task Prints_the_build_to_stdout()
    {
        using var dir = Overlay("resources: [cm.yaml]\ncommonLabels:\n  app: web\n");

        var (exitCode, stdout, stderr) = await RunAsync("kustomize", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stderr);
            Assert.That(stdout, Is.EqualTo("apiVersion: v1\ndata:\n  a: \"1\"\nkind: ConfigMap\nmetadata:\n  labels:\n    app: web\n  name: web\n"));
            Assert.That(stderr, Is.Empty);
        });
    }

    [Test]
    public async Task Relative_paths_start_at_the_working_directory_and_an_unchanged_output_is_not_rewritten()
    {
        using var dir = Overlay("resources: [cm.yaml]\n");
        var first = await Cli.RunAsync(dir.Path, "kustomize", ".", "-o", "out.yaml");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(dir.Combine("out.yaml"), stamp);
        var second = await Cli.RunAsync(dir.Path, "kustomize", ".", "-o", "out.yaml");

        Assert.Multiple(() =>
        {
            Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.ToString);
            Assert.That(File.ReadAllText(dir.Combine("out.yaml")), Does.Contain("kind: ConfigMap"));
            Assert.That(File.GetLastWriteTimeUtc(dir.Combine("out.yaml")), Is.EqualTo(stamp));
        });
    }

    [Test]
    public async Task Writes_the_output_file_and_nothing_else()
    {
        using var dir = Overlay("resources: [cm.yaml]\n");
        var target = dir.Combine("out", "manifests.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "old\n");

        var (exitCode, stdout, stderr) = await RunAsync("kustomize", dir.Path, "-o", target);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stderr);
            Assert.That(stdout, Is.Empty);
            Assert.That(File.ReadAllText(target), Does.StartWith("apiVersion: v1\n"));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(target)!), Has.Length.EqualTo(1), "no temporary file left behind");
        });
    }

    [Test]
    public async Task Error_exits_1_with_a_canonical_diagnostic_and_leaves_the_output_untouched()
    {
        using var dir = Overlay("resources: [cm.yaml]\nnamePrefix: dev-\n");
        var target = dir.Combine("manifests.yaml");
        File.WriteAllText(target, "old\n");

        var (exitCode, stdout, stderr) = await RunAsync("kustomize", dir.Path, "--output", target);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Match(@"kustomization\.yaml\(2,1\): error TCR2052: "));
            Assert.That(File.ReadAllText(target), Is.EqualTo("old\n"));
            Assert.That(Directory.GetFiles(dir.Path, "*.tmp"), Is.Empty);
        });
    }

    [Test]
    public async Task Unwritable_output_folder_is_TCR0007()
    {
        using var dir = Overlay("resources: [cm.yaml]\n");

        var (exitCode, _, stderr) = await RunAsync("kustomize", dir.Path, "-o", dir.Combine("missing", "out.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("error TCR0007"));
        });
    }

    [Test]
    public async Task Missing_folder_is_TCR2051()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, stderr) = await RunAsync("kustomize", dir.Combine("nope"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("error TCR2051"));
        });
    }

    private const string AgentWithSysModule = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: cilium
          namespace: kube-system
        spec:
          template:
            spec:
              containers:
              - name: cilium-agent
                securityContext:
                  capabilities:
                    add: [SYS_MODULE]
        """;

    [Test]
    public async Task Lint_is_opt_in_and_reports_on_the_built_documents()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("kustomization.yaml", "resources: [agent.yaml]\n");
        dir.WriteFile("agent.yaml", AgentWithSysModule);
        var target = dir.Combine("out.yaml");

        var plain = await RunAsync("kustomize", dir.Path);
        var linted = await RunAsync("kustomize", dir.Path, "--lint", "-o", target);
        var suppressed = await RunAsync("kustomize", dir.Path, "--lint", "--suppress", "TCR6001");
        File.WriteAllText(target, "old\n");
        var failed = await RunAsync("kustomize", dir.Path, "--lint-errors", "-o", target);

        Assert.Multiple(() =>
        {
            Assert.That(plain.ExitCode, Is.Zero, plain.Stderr);
            Assert.That(plain.Stderr, Is.Empty, "no lint unless asked");
            Assert.That(linted.ExitCode, Is.Zero, linted.Stderr);
            Assert.That(linted.Stderr, Does.Match(@"out\.yaml\(1,1\): warning TCR6001: "));
            Assert.That(suppressed.Stderr, Is.Empty);
            Assert.That(failed.ExitCode, Is.EqualTo(1));
            Assert.That(failed.Stderr, Does.Contain("error TCR6001: "));
            Assert.That(File.ReadAllText(target), Is.EqualTo("old\n"), "a lint error writes nothing");
        });
    }
}
