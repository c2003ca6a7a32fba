using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>
/// Feeds deep, aliased, endless and oversized YAML to every place the tool reads YAML from. Each must end in the
/// limit's coded error, naming the file and a position, fast and without a crash (a stack overflow would end the test
/// run itself). The real times are written to the test output.
/// </summary>
public sealed class HostileYamlTests
{
    private const string Hostile = "hostile.yaml";
    private const string Good = "good.yaml";
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n";

    /// <summary>Generous: the limits are reached in well under a second; this machine is shared and noisy.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly string[] FileInputs = ["deep-flow-sequence", "deep-flow-mapping", "deep-block-sequence", "deep-block-mapping", "depth-20000", "alias-depth", "billion-laughs", "self-alias", "oversized", "endless"];

    /// <summary>The same without the two that only a file can be: helm's output is a stream the fake writes.</summary>
    private static readonly string[] StreamInputs = FileInputs[..^2];

    /// <summary>A resource, a strategic merge patch and a JSON 6902 patch (its own reading, go-yaml v2 typing after it).</summary>
    private static readonly Dictionary<string, string> Kustomizations = new()
    {
        ["resource"] = "resources: [hostile.yaml]\n",
        ["strategic-merge-patch"] = "resources: [cm.yaml]\npatches:\n- path: hostile.yaml\n",
        ["json-6902-patch"] = "resources: [cm.yaml]\npatchesJson6902:\n- path: hostile.yaml\n  target: {version: v1, kind: ConfigMap, name: x}\n",
    };

    private static readonly object[][] KustomizeCases = [.. Kustomizations.Keys.SelectMany(kind => FileInputs.Select(input => new object[] { kind, input }))];

    private TempDirectory _sources = null!;

    [OneTimeSetUp]
    public void WriteInputs()
    {
        _sources = new TempDirectory();
        _sources.WriteFile("deep-flow-sequence", "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        _sources.WriteFile("deep-flow-mapping", "a: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n");
        _sources.WriteFile("deep-block-sequence", string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n");
        _sources.WriteFile("deep-block-mapping", string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 2_000) + "b: 1\n");
        _sources.WriteFile("depth-20000", "a: " + new string('[', 20_000) + new string(']', 20_000) + "\n");

        // Each anchor nests 600 levels; the second repeats the first inside its own 600, 1,200 once expanded.
        _sources.WriteFile("alias-depth", "a: &a " + new string('[', 600) + new string(']', 600) + "\nb: " + new string('[', 600) + "*a" + new string(']', 600) + "\n");
        var laughs = new System.Text.StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            laughs.Append(CultureInfo.InvariantCulture, $"{c}: &{c} [{string.Join(',', Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]\n");
        }

        _sources.WriteFile("billion-laughs", laughs.ToString());
        _sources.WriteFile("self-alias", "a: &x [1, *x]\n");

        // Lines, so the position of the limit is a line and column inside the file.
        var line = "# " + new string('x', 1_021) + "\n";
        _sources.WriteFile("oversized", string.Concat(Enumerable.Repeat(line, (16 * 1024) + 1)));
    }

    [OneTimeTearDown]
    public void Delete() => _sources.Dispose();

    [TestCaseSource(nameof(FileInputs))]
    public async Task Values_file_of_the_cli(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        await AssertRefusedAsync(input, temp, Hostile, "values", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-f", Hostile);
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Values_file_of_the_library(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        var clock = Stopwatch.StartNew();
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest
        {
            Chart = TestPaths.ChartArchive("1.18.1"),
            HelmPath = TestPaths.FakeHelm,
            ValuesFiles = [temp.Combine(Hostile)],
            OutputPath = temp.Combine("out.yaml"),
        });
        Report(input, clock);

        var error = result.Diagnostics.FirstOrDefault(d => d.IsError);
        Assert.Multiple(() =>
        {
            Assert.That(error?.Code, Is.EqualTo(ExpectedCode(input)), string.Join("\n", result.Diagnostics));
            Assert.That((error?.File, error?.Line is > 0, error?.Column is > 0), Is.EqualTo((temp.Combine(Hostile), true, true)));
            Assert.That(File.Exists(temp.Combine("out.yaml")), Is.False, "nothing is written");
            Assert.That(clock.Elapsed, Is.LessThan(Bound));
        });
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Kustomization_file(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine("kustomization.yaml"));
        await AssertRefusedAsync(input, temp, "kustomization.yaml", "kustomize", ".");
    }

    [TestCaseSource(nameof(KustomizeCases))]
    public async Task File_named_in_a_kustomization(string kind, string input)
    {
        using var temp = Overlay(input, Kustomizations[kind]);
        await AssertRefusedAsync(input, temp, NamedInOverlay(input), "kustomize", ".");
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Kustomization_applied_to_a_render(string input)
    {
        using var temp = Overlay(input, "resources: [hostile.yaml]\n");
        await AssertRefusedAsync(input, temp, NamedInOverlay(input), "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-k", ".", "-o", "out.yaml");
        Assert.That(File.Exists(temp.Combine("out.yaml")), Is.False);
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Diff_old_side(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        temp.WriteFile(Good, ConfigMap);
        var run = await AssertRefusedAsync(input, temp, Hostile, "diff", Hostile, Good);
        Assert.That(run.ExitCode, Is.EqualTo(2), "diff's documented exit code for an input it cannot read");
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Diff_new_side(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        temp.WriteFile(Good, ConfigMap);
        var run = await AssertRefusedAsync(input, temp, Hostile, "diff", Good, Hostile);
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [TestCaseSource(nameof(FileInputs))]
    public async Task Diff_against_of_a_render(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        await AssertRefusedAsync(input, temp, Hostile, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "--diff-against", Hostile, "--no-lint");
    }

    [TestCaseSource(nameof(StreamInputs))]
    public async Task Existing_output_read_for_carry_over_is_not_carried_over(string input)
    {
        // The documented answer to an existing output that cannot be read: warning TCR4004 naming the reason by
        // code and line (the file holds keys), a fresh render, and the file replaced by it.
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        var clock = Stopwatch.StartNew();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-o", Hostile, "--no-lint");
        Report(input, clock);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain($"{Hostile}: warning TCR4004: ").And.Contain($"({ExpectedCode(input)} at line "), run.ToString);
            Assert.That(File.ReadAllText(temp.Combine(Hostile)), Does.Contain("kind: ConfigMap"));
            Assert.That(clock.Elapsed, Is.LessThan(Bound));
        });
    }

    [TestCaseSource(nameof(StreamInputs))]
    public async Task Existing_output_in_check_mode(string input)
    {
        using var temp = new TempDirectory();
        Place(input, temp.Combine(Hostile));
        var before = File.ReadAllBytes(temp.Combine(Hostile));
        var clock = Stopwatch.StartNew();
        var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-o", Hostile, "--check", "--no-lint");
        Report(input, clock);

        // Not up to date (TCR0008), at the position of the fault; an oversized file is the limit's own error.
        var code = input == "oversized" ? "TCR3007" : "TCR0008";
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Match($@"{Regex.Escape(Hostile)}\([1-9][0-9]*,[1-9][0-9]*\): error {code}: "), run.ToString);
            Assert.That(File.ReadAllBytes(temp.Combine(Hostile)), Is.EqualTo(before));
            Assert.That(clock.Elapsed, Is.LessThan(Bound));
        });
    }

    [TestCaseSource(nameof(StreamInputs))]
    public async Task Helm_output(string input)
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("helm-output.yaml");
        File.WriteAllText(output, "---\n# Source: fake/templates/hostile.yaml\n" + File.ReadAllText(_sources.Combine(input)));
        Environment.SetEnvironmentVariable("FAKE_HELM_OUTPUT", output);
        try
        {
            var clock = Stopwatch.StartNew();
            var run = await Cli.RunAsync(temp.Path, "render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "-o", "out.yaml");
            Report(input, clock);

            // helm's output is no file: the position inside it and the template that wrote it are in the message.
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
                Assert.That(run.Error, Does.Match($@"error TCR1011: .* at line [1-9][0-9]*, column [1-9][0-9]* of helm's output \(template fake/templates/hostile\.yaml\): {ExpectedCode(input)}: "), run.ToString);
                Assert.That(File.Exists(temp.Combine("out.yaml")), Is.False);
                Assert.That(clock.Elapsed, Is.LessThan(Bound));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_HELM_OUTPUT", null);
        }
    }

    [TestCase("a.", Description = "helm allows 30 dots")]
    [TestCase("[0]", Description = "helm does not bound nested indexes; a values file may nest 1,000 levels")]
    public async Task Set_key_nested_beyond_the_depth_limit(string level)
    {
        using var temp = new TempDirectory();
        var key = "a" + string.Concat(Enumerable.Repeat(level, 30_000)) + "b=1";
        var run = await Cli.RunAsync(temp.Path, "values", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.FakeHelm, "--set", key);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString);
            Assert.That(run.Error, Does.Contain("error TCR0020: "));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        });
    }

    private static string ExpectedCode(string input) => input switch
    {
        "billion-laughs" or "self-alias" => "TCR3006",
        "oversized" or "endless" => "TCR3007",
        _ => "TCR3005",
    };

    /// <summary>
    /// A kustomization may not reach outside its folder (kustomize's rule), so a link to <c>/dev/zero</c> named as a
    /// resource or patch is refused by that rule, in the kustomization, before anything is read.
    /// </summary>
    private static (string File, string Code) NamedInOverlay(string input) =>
        input == "endless" ? ("kustomization.yaml", "TCR2054") : (Hostile, ExpectedCode(input));

    private static Task<CliRun> AssertRefusedAsync(string input, TempDirectory temp, string file, params string[] args) =>
        AssertRefusedAsync(input, temp, (file, ExpectedCode(input)), args);

    private static async Task<CliRun> AssertRefusedAsync(string input, TempDirectory temp, (string File, string Code) expected, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var run = await Cli.RunAsync(temp.Path, args);
        Report(input, clock);
        var (file, code) = expected;

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Match($@"(^|[/\n]){Regex.Escape(file)}\([1-9][0-9]*,[1-9][0-9]*\): error {code}: "), run.ToString);
            Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(clock.Elapsed, Is.LessThan(Bound));
        });
        return run;
    }

    private static void Report(string input, Stopwatch clock) =>
        TestContext.Out.WriteLine($"{TestContext.CurrentContext.Test.MethodName} {input}: {clock.ElapsedMilliseconds} ms");

    private TempDirectory Overlay(string input, string kustomization)
    {
        var temp = new TempDirectory();
        temp.WriteFile("kustomization.yaml", kustomization);
        temp.WriteFile("cm.yaml", ConfigMap);
        Place(input, temp.Combine(Hostile));
        return temp;
    }

    private void Place(string input, string path)
    {
        if (input == "endless")
        {
            File.CreateSymbolicLink(path, "/dev/zero");
        }
        else
        {
            File.Copy(_sources.Combine(input), path);
        }
    }
}
