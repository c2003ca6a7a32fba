using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>The MSBuild task's half of <see cref="OptionWording"/>: it says what the CLI says about the same bad value.</summary>
public sealed class OptionWordingTests
{
    public static IEnumerable<OptionWording.Case> Cases => OptionWording.Cases;

    [TestCaseSource(nameof(Cases))]
    public void A_bad_value_is_worded_as_the_CLI_words_it(OptionWording.Case bad)
    {
        using var temp = new TempDirectory();
        var item = new TaskItem("out.yaml");
        item.SetMetadata("Chart", TestPaths.ChartArchive("1.18.1"));
        item.SetMetadata("HelmPath", temp.Combine("no-such-helm"));
        item.SetMetadata(bad.Metadata, bad.Value);
        var engine = new FakeBuildEngine();
        var task = new RenderCiliumManifest { BuildEngine = engine, Renders = [item], ProjectFile = temp.Combine("Cluster.csproj") };

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.Errors.Select(e => e.Message), Has.One.Matches<string>(m => m.Contains($"Invalid value '{bad.Value}' for ", StringComparison.Ordinal) && m.Contains(bad.Says, StringComparison.Ordinal)), engine.ToString);
            Assert.That(engine.ErrorCodes, Has.No.Member("TCR1001"), "helm is never looked for");
        });
    }

    [Test]
    public void Every_bad_value_is_reported_at_once()
    {
        using var temp = new TempDirectory();
        var item = new TaskItem("out.yaml");
        foreach (var (name, value) in new[]
        {
            ("Chart", TestPaths.ChartArchive("1.18.1")), ("HelmPath", temp.Combine("no-such-helm")), ("Layout", "folder"), ("RenewBeforeDays", "-1"),
            ("Timeout", "0"), ("ReleaseName", "Cilium"), ("Namespace", "Kube_System"), ("KubeVersion", "latest"),
        })
        {
            item.SetMetadata(name, value);
        }

        var engine = new FakeBuildEngine();
        var task = new RenderCiliumManifest { BuildEngine = engine, Renders = [item], ProjectFile = temp.Combine("Cluster.csproj") };

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.ErrorCodes, Is.EqualTo(Enumerable.Repeat("TCR0004", 6)), engine.ToString);
        });
    }
}
