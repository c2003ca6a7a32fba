using System.Diagnostics;

namespace TalosCiliumRender.Cli.Tests;

/// <summary>
/// What `render -o` does with paths that are not plain files: devices, pipes, links, stdout; and that a helm output
/// that is not a manifest never reaches a committed output.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // device nodes, pipes, setpriv and permission bits are Unix's
public sealed class RenderOutputTargetTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static string[] RealRender(TempDirectory temp, params string[] more) =>
        ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", TestPaths.Helm(TestPaths.Helm3Version), "--chart-cache", temp.Combine("cache"), "--no-lint", .. more];

    private static string[] FakeRender(TempDirectory temp, string? helmOutput, params string[] more)
    {
        var variables = new Dictionary<string, string>();
        if (helmOutput is not null)
        {
            variables["FAKE_HELM_OUTPUT"] = temp.WriteFile($"helm-output-{Guid.NewGuid():N}.txt", helmOutput);
        }

        var helm = FakeHelmScript.Create(temp.Combine("bin"), $"helm-{Guid.NewGuid():N}", variables);
        return ["render", "--chart", TestPaths.ChartArchive("1.18.1"), "--helm", helm, "--chart-cache", temp.Combine("cache"), "--no-lint", .. more];
    }

    [Test]
    public async Task A_private_null_device_as_output_is_written_to_and_stays_a_character_device()
    {
        using var temp = new TempDirectory();
        var device = await SpecialFiles.NullDeviceAsync(temp.Path, "null");

        var run = await Cli.RunAsync(temp.Path, RealRender(temp, "-o", "null"));

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(await SpecialFiles.TypeOfAsync(device), Is.EqualTo("character special file"));
            Assert.That(Directory.GetFiles(temp.Path), Is.EqualTo(new[] { device }), "no temporary file, nothing renamed over the device");
        });
    }

    [Test]
    public async Task A_named_pipe_as_output_delivers_the_render_to_its_reader_and_stays_a_pipe()
    {
        using var temp = new TempDirectory();
        var fifo = await SpecialFiles.FifoAsync(temp.Path);
        await using var reader = SpecialFiles.Read(fifo);

        var run = await Cli.RunAsync(temp.Path, RealRender(temp, "-o", "fifo")).WaitAsync(Bound);
        var received = System.Text.Encoding.UTF8.GetString(await reader.Bytes.WaitAsync(Bound));

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(received, Does.StartWith("# ").And.Contain("kind: DaemonSet"), "the whole render, provenance header first");
            Assert.That(await SpecialFiles.TypeOfAsync(fifo), Is.EqualTo("fifo"));
        });
    }

    [TestCase("relative")]
    [TestCase("absolute")]
    public async Task A_link_as_output_updates_its_target_and_stays_a_link(string kind)
    {
        using var temp = new TempDirectory();
        var target = temp.WriteFile("shared/cilium.yaml", "# an older render\n");
        Directory.CreateDirectory(temp.Combine("cluster"));
        var link = temp.Combine("cluster", "cilium.yaml");
        File.CreateSymbolicLink(link, kind == "relative" ? "../shared/cilium.yaml" : target);
        var linkText = new FileInfo(link).LinkTarget;

        var run = await Cli.RunAsync(temp.Path, RealRender(temp, "-o", "cluster/cilium.yaml"));

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(await SpecialFiles.TypeOfAsync(link), Is.EqualTo("symbolic link"));
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(linkText));
            Assert.That(File.ReadAllText(target), Does.Contain("kind: DaemonSet"));
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("shared")), Is.EqualTo(new[] { target }));
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("cluster")), Is.EqualTo(new[] { link }));
        });
    }

    [Test]
    public async Task Directory_layout_through_a_link_to_a_folder_replaces_the_folder_and_keeps_the_link()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("shared", "cilium"));
        Directory.CreateDirectory(temp.Combine("gitops"));
        var link = temp.Combine("gitops", "cilium");
        Directory.CreateSymbolicLink(link, "../shared/cilium");

        var first = await Cli.RunAsync(temp.Path, RealRender(temp, "--layout", "directory", "-o", "gitops/cilium"));
        var second = await Cli.RunAsync(temp.Path, RealRender(temp, "--layout", "directory", "-o", "gitops/cilium", "--check"));

        Assert.Multiple(async () =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString);
            Assert.That(second.ExitCode, Is.Zero, second.ToString);
            Assert.That(await SpecialFiles.TypeOfAsync(link), Is.EqualTo("symbolic link"));
            Assert.That(File.ReadAllText(temp.Combine("shared", "cilium", "kustomization.yaml")), Does.Contain("- daemonset-cilium.yaml\n"));
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("shared")), Is.EqualTo(new[] { temp.Combine("shared", "cilium") }), "no temporary or set-aside folder left");
            Assert.That(Directory.GetFileSystemEntries(temp.Combine("gitops")), Is.EqualTo(new[] { link }));
        });
    }

    [Test]
    public async Task Dash_output_writes_the_render_to_stdout()
    {
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync(temp.Path, RealRender(temp, "-o", "-"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Does.Contain("kind: DaemonSet"));
            Assert.That(File.Exists(temp.Combine("-")), Is.False, "no file named '-'");
        });
    }

    [TestCase("/dev/stdout")]
    [TestCase("link-to-proc-self-fd-1")]
    public async Task Dev_stdout_into_a_pipe_is_written_in_place_without_hanging(string output)
    {
        // A real process whose stdout is a pipe, as in `talos-cilium render -o /dev/stdout | kubectl apply -f -`.
        using var temp = new TempDirectory();
        var link = temp.Combine("link-to-proc-self-fd-1");
        File.CreateSymbolicLink(link, "/proc/self/fd/1");

        var run = await ChildProcess.RunAsync(Path.Combine(AppContext.BaseDirectory, "talos-cilium"), RealRender(temp, "-o", output), temp.Path, Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Output, Does.Contain("kind: DaemonSet"));
            Assert.That(await SpecialFiles.TypeOfAsync(link), Is.EqualTo("symbolic link"));
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("/proc/self/fd/1"));
            Assert.That(await SpecialFiles.TypeOfAsync("/dev/stdout"), Is.EqualTo("symbolic link"));
        });
    }

    [Test]
    public async Task Dash_output_refuses_the_directory_layout_with_TCR5011_and_check_mode_with_TCR0010()
    {
        using var temp = new TempDirectory();

        var directory = await Cli.RunAsync(temp.Path, "render", "--layout", "directory", "-o", "-", "--helm", temp.Combine("no-helm"));
        var check = await Cli.RunAsync(temp.Path, "render", "--check", "-o", "-", "--helm", temp.Combine("no-helm"));

        Assert.Multiple(() =>
        {
            Assert.That(directory.ExitCode, Is.Not.Zero);
            Assert.That(directory.Error, Does.Contain("error TCR5011: "));
            Assert.That(check.ExitCode, Is.Not.Zero);
            Assert.That(check.Error, Does.Contain("error TCR0010: "));
        });
    }

    [Test]
    public async Task Check_against_a_device_or_pipe_is_TCR0010_without_reading_it()
    {
        using var temp = new TempDirectory();
        await SpecialFiles.NullDeviceAsync(temp.Path, "null");
        var fifo = await SpecialFiles.FifoAsync(temp.Path);

        var device = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "--check", "-o", "null"));
        var pipe = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "--check", "-o", "fifo")).WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(device.ExitCode, Is.Not.Zero);
            Assert.That(device.Error, Does.Contain("null: error TCR0010: ").And.Contain("a character device"));
            Assert.That(pipe.ExitCode, Is.Not.Zero);
            Assert.That(pipe.Error, Does.Contain("fifo: error TCR0010: ").And.Contain("a pipe"));
            Assert.That(await SpecialFiles.TypeOfAsync(fifo), Is.EqualTo("fifo"));
        });
    }

    [Test]
    public async Task Dev_full_as_output_is_TCR0007_quickly()
    {
        using var temp = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var run = await Cli.RunAsync(temp.Path, RealRender(temp, "-o", "/dev/full"));

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Error, Does.Contain("/dev/full: error TCR0007: ").And.Contain("character device"));
            Assert.That(run.Error, Does.Not.Contain("TCR9999").And.Not.Contain("   at "));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "a render, then one failed write; no retries");
            Assert.That(await SpecialFiles.TypeOfAsync("/dev/full"), Is.EqualTo("character special file"));
        });
    }

    [Test]
    public async Task A_folder_as_the_output_of_the_file_layout_is_TCR5012_and_a_file_as_the_directory_layout_folder_is_TCR5005()
    {
        using var temp = new TempDirectory();
        var kept = temp.WriteFile("folder/keep.txt", "kept");
        var file = temp.WriteFile("file.yaml", "kept: true\n");

        var folder = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "-o", "folder"));
        var directory = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "--layout", "directory", "-o", "file.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(folder.Error, Does.Contain("folder: error TCR5012: "));
            Assert.That(directory.Error, Does.Contain("file.yaml: error TCR5005: ").And.Contain("is a file"));
            Assert.That(File.ReadAllText(kept), Is.EqualTo("kept"));
            Assert.That(File.ReadAllText(file), Is.EqualTo("kept: true\n"));
        });
    }

    // One document per case; the Source comment lets the message name the template.
    [TestCase("nothing", "", "TCR1014")]
    [TestCase("only-separators-and-comments", "---\n# Source: cilium/templates/empty.yaml\n---\n", "TCR1014")]
    [TestCase("a-list", "---\n# Source: cilium/templates/bad.yaml\n- a\n- b\n", "TCR1015")]
    [TestCase("a-scalar", "---\n# Source: cilium/templates/bad.yaml\nhello\n", "TCR1015")]
    [TestCase("an-empty-mapping", "---\n# Source: cilium/templates/bad.yaml\n{}\n", "TCR1015")]
    [TestCase("no-kind", "---\n# Source: cilium/templates/bad.yaml\napiVersion: v1\nmetadata:\n  name: x\n", "TCR1015")]
    [TestCase("no-api-version", "---\n# Source: cilium/templates/bad.yaml\nkind: ConfigMap\nmetadata:\n  name: x\n", "TCR1015")]
    [TestCase("no-name", "---\n# Source: cilium/templates/bad.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n", "TCR1015")]
    [TestCase("one-good-one-bad", "---\n# Source: cilium/templates/good.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n# Source: cilium/templates/bad.yaml\n[1, 2]\n", "TCR1015")]
    public async Task A_helm_output_that_is_not_a_manifest_leaves_committed_outputs_byte_identical(string name, string helmOutput, string code)
    {
        using var temp = new TempDirectory();
        // Committed outputs of both kinds, from a good (fake) helm, dated in the past so a rewrite would show.
        var setup = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "-o", "cilium.yaml"));
        var setupFolder = await Cli.RunAsync(temp.Path, FakeRender(temp, null, "--layout", "directory", "-o", "gitops"));
        Assert.That((setup.ExitCode, setupFolder.ExitCode), Is.EqualTo((0, 0)), () => setup + "\n" + setupFolder);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var committed = new[] { temp.Combine("cilium.yaml") }.Concat(Directory.GetFiles(temp.Combine("gitops"))).ToArray();
        foreach (var path in committed)
        {
            File.SetLastWriteTimeUtc(path, stamp);
        }

        var before = committed.ToDictionary(p => p, File.ReadAllBytes);
        var file = await Cli.RunAsync(temp.Path, FakeRender(temp, helmOutput, "-o", "cilium.yaml"));
        var folder = await Cli.RunAsync(temp.Path, FakeRender(temp, helmOutput, "--layout", "directory", "-o", "gitops"));

        Assert.Multiple(() =>
        {
            foreach (var run in new[] { file, folder })
            {
                Assert.That(run.ExitCode, Is.Not.Zero, $"{name}: {run}");
                Assert.That(run.Error, Does.Contain($"error {code}: "), $"{name}: {run}");
                if (code == "TCR1015")
                {
                    Assert.That(run.Error, Does.Contain("template 'cilium/templates/bad.yaml'"), name);
                }
            }

            Assert.That(Directory.GetFiles(temp.Combine("gitops")).Concat([temp.Combine("cilium.yaml")]).Order(), Is.EqualTo(committed.Order()), "no file added or removed");
            foreach (var (path, bytes) in before)
            {
                Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), path);
                Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp), path);
            }
        });
    }

    [Test]
    public async Task A_kustomization_that_adds_objects_cannot_hide_an_empty_helm_render()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("overlay/kustomization.yaml", "resources:\n- extra.yaml\n");
        temp.WriteFile("overlay/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

        var run = await Cli.RunAsync(temp.Path, FakeRender(temp, "", "-k", "overlay", "-o", "cilium.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain("error TCR1014: "));
            Assert.That(File.Exists(temp.Combine("cilium.yaml")), Is.False);
        });
    }

    [Test]
    public async Task An_unreadable_existing_output_is_warning_TCR4004_and_is_replaced_not_TCR0007()
    {
        // Tests run as root, whom a chmod 000 does not stop: the CLI runs as a child process without the
        // capabilities that let root read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so the file is as
        // unreadable to it as to any user. FakeHelm's fixed output makes the old and new bytes the same length,
        // which is what made the writer read the old file to compare (and fail with TCR0007).
        using var temp = new TempDirectory();
        var args = FakeRender(temp, null, "-o", "cilium.yaml");
        var setup = await Cli.RunAsync(temp.Path, args);
        Assert.That(setup.ExitCode, Is.Zero, setup.ToString);
        var path = temp.Combine("cilium.yaml");
        var rendered = File.ReadAllBytes(path);
        File.WriteAllBytes(path, rendered.Select(b => b == (byte)'f' ? (byte)'g' : b).ToArray()); // same length, other bytes
        File.SetUnixFileMode(path, UnixFileMode.None);

        var run = await ChildProcess.RunAsync(
            "setpriv", ["--bounding-set=-dac_override,-dac_read_search", "--", Path.Combine(AppContext.BaseDirectory, "talos-cilium"), .. args], temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(run.Error, Does.Contain("cilium.yaml: warning TCR4004: "), run.ToString);
            Assert.That(run.Error, Does.Not.Contain("TCR0007"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(rendered), "replaced with the fresh render");
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.None), "and its permissions kept");
        });
    }
}
