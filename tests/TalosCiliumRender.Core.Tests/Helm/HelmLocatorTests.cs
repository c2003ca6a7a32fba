using TalosCiliumRender.Core.Helm;
using static TalosCiliumRender.Core.Tests.Helm.HelmTestSupport;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class HelmLocatorTests
{
    [Test]
    public async Task Explicit_path_wins_over_the_variable_and_PATH()
    {
        using var temp = new TempDirectory();
        var chosen = FakeHelmScript(temp.Combine("explicit"), "my-helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v3.1.0" });
        var fromVariable = FakeHelmScript(temp.Combine("variable"), "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v4.2.0" });
        FakeHelmScript(temp.Combine("path"), "helm");
        var env = Environment(temp.Path, new Dictionary<string, string>
        {
            [HelmLocator.EnvironmentVariable] = fromVariable,
            ["PATH"] = temp.Combine("path"),
        });

        var tool = await HelmLocator.LocateAsync(chosen, env, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tool.Path, Is.EqualTo(chosen));
            Assert.That(tool.VersionText, Is.EqualTo("v3.1.0"));
            Assert.That(tool.Version, Is.EqualTo(new Version(3, 1, 0)));
        });
    }

    [Test]
    public async Task Relative_explicit_path_resolves_against_the_working_directory()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Combine("tools"), "helm");

        var tool = await HelmLocator.LocateAsync(Path.Combine("tools", "helm"), Environment(temp.Path), CancellationToken.None);

        Assert.That(tool.Path, Is.EqualTo(script));
    }

    [Test]
    public async Task A_bare_explicit_name_is_looked_up_on_PATH()
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Combine("bin"), "helm3");
        var env = Environment(temp.Combine("elsewhere"), new Dictionary<string, string> { ["PATH"] = temp.Combine("bin") });

        var tool = await HelmLocator.LocateAsync("helm3", env, CancellationToken.None);

        Assert.That(tool.Path, Is.EqualTo(script));
    }

    [Test]
    public async Task Variable_is_used_when_no_explicit_path_is_given()
    {
        using var temp = new TempDirectory();
        var fromVariable = FakeHelmScript(temp.Combine("variable"), "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = "v4.0.1+gabc" });
        FakeHelmScript(temp.Combine("path"), "helm");
        var env = Environment(temp.Path, new Dictionary<string, string>
        {
            [HelmLocator.EnvironmentVariable] = fromVariable,
            ["PATH"] = temp.Combine("path"),
        });

        var tool = await HelmLocator.LocateAsync(null, env, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tool.Path, Is.EqualTo(fromVariable));
            Assert.That(tool.Major, Is.EqualTo(4));
            Assert.That(tool.VersionText, Is.EqualTo("v4.0.1+gabc"));
        });
    }

    [Test]
    public async Task PATH_is_searched_in_order_skipping_non_executable_files()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("not-executable/helm", "#!/bin/sh\nexit 1\n");
        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        var link = Path.Combine(bin, "helm");
        File.CreateSymbolicLink(link, TestPaths.FakeHelm);
        var env = Environment(temp.Path, new Dictionary<string, string>
        {
            ["PATH"] = string.Join(Path.PathSeparator, temp.Combine("missing"), temp.Combine("not-executable"), bin),
        });

        var tool = await HelmLocator.LocateAsync(null, env, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tool.Path, Is.EqualTo(link));
            Assert.That(tool.VersionText, Is.EqualTo("v3.99.0"));
            Assert.That(tool.Major, Is.EqualTo(3));
        });
    }

    [Test]
    public void Nothing_found_is_TCR1001_naming_every_source_tried()
    {
        using var temp = new TempDirectory();
        var env = Environment(temp.Path, new Dictionary<string, string> { ["PATH"] = temp.Path });

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(null, env, CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1001"));
            Assert.That(diagnostic.Message, Does.Contain("--helm").And.Contain(HelmLocator.EnvironmentVariable).And.Contain("PATH"));
        });
    }

    [TestCase("explicit")]
    [TestCase("variable")]
    public void A_configured_path_that_does_not_exist_is_TCR1001_without_falling_back(string source)
    {
        using var temp = new TempDirectory();
        FakeHelmScript(temp.Combine("path"), "helm");
        var missing = temp.Combine("nope", "helm");
        var variables = new Dictionary<string, string> { ["PATH"] = temp.Combine("path") };
        if (source == "variable")
        {
            variables[HelmLocator.EnvironmentVariable] = missing;
        }

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(source == "explicit" ? missing : null, Environment(temp.Path, variables), CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1001"));
    }

    [TestCase("explicit")]
    [TestCase("variable")]
    public void A_configured_folder_without_helm_is_TCR1001_saying_it_is_a_folder(string source)
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.Combine("tools")).FullName;
        var variables = new Dictionary<string, string>();
        if (source == "variable")
        {
            variables[HelmLocator.EnvironmentVariable] = folder;
        }

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(source == "explicit" ? folder : null, Environment(temp.Path, variables), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1001"));
            Assert.That(diagnostic.Message, Does.Contain("is a folder with no executable 'helm' in it").And.Not.Contain("' was not found").And.Not.Contain("which was not found"));
        });
    }

    [Test]
    public void The_version_check_waits_no_longer_than_the_render_timeout()
    {
        using var temp = new TempDirectory();
        // A binary that never answers 'version --short' (FakeHelm always answers it).
        var silent = temp.WriteFile("helm", "#!/bin/sh\nexec sleep 60\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(silent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(silent, Environment(temp.Path), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR1004"));
            Assert.That(diagnostic.Message, Does.Contain("'helm version --short' within 1 s"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "not the fixed 30 s");
        });
    }

    [TestCase("v2.17.0+ga690bad")]
    [TestCase("Client: v2.16.1+gbbdfe5e")]
    [TestCase("v5.0.0")]
    [TestCase("garbage")]
    public void A_binary_that_is_not_helm_3_or_4_is_TCR1003(string reported)
    {
        using var temp = new TempDirectory();
        var script = FakeHelmScript(temp.Path, "helm", new Dictionary<string, string> { ["FAKE_HELM_VERSION"] = reported });

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(script, Environment(temp.Path), CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1003"));
    }

    [Test]
    public void A_file_that_cannot_be_started_is_TCR1012()
    {
        using var temp = new TempDirectory();
        var notExecutable = temp.WriteFile("helm", "not a program");

        var diagnostic = Diagnose(() => HelmLocator.LocateAsync(notExecutable, Environment(temp.Path), CancellationToken.None));

        TestContext.Out.WriteLine(diagnostic);

        Assert.That(diagnostic.Code, Is.EqualTo("TCR1012"));
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Real_helm_is_detected_with_its_major_version(string version)
    {
        var tool = await HelmLocator.LocateAsync(TestPaths.Helm(version), Environment(TestPaths.RepositoryRoot), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tool.VersionText, Does.StartWith(version + "+g"));
            Assert.That(tool.Major, Is.EqualTo(version == TestPaths.Helm3Version ? 3 : 4));
            Assert.That("v" + tool.Version, Is.EqualTo(version));
        });
    }

    [TestCase("v3.17.3+ge4da497", 3, 17, 3)]
    [TestCase("v4.1.4+g05fa379", 4, 1, 4)]
    [TestCase("3.12.0", 3, 12, 0)]
    public void ParseVersion_reads_helm_short_versions(string text, int major, int minor, int patch) =>
        Assert.That(HelmLocator.ParseVersion(text), Is.EqualTo(new Version(major, minor, patch)));

    [Test]
    public void ParseVersion_returns_null_without_a_version() =>
        Assert.That(HelmLocator.ParseVersion("command not found"), Is.Null);
}
