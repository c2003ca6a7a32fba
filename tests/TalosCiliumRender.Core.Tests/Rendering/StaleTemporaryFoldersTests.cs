using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests.Rendering;

public sealed class StaleTemporaryFoldersTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string Folder(TempDirectory temp, string name, TimeSpan age)
    {
        var path = Directory.CreateDirectory(temp.Combine(name)).FullName;
        File.WriteAllText(Path.Combine(path, "values.yaml"), "a: 1\n");
        Directory.SetLastWriteTimeUtc(path, (Now - age).UtcDateTime);
        return path;
    }

    [Test]
    public void Only_our_folders_older_than_a_day_are_removed()
    {
        using var temp = new TempDirectory();
        var staleRender = Folder(temp, "talos-cilium-render-abc123", TimeSpan.FromDays(2));
        var staleHelm = Folder(temp, "talos-cilium-helm-def456", TimeSpan.FromHours(25));
        var stalePull = Folder(temp, "talos-cilium-pull-ghi789", TimeSpan.FromDays(30));
        var fresh = Folder(temp, "talos-cilium-render-fresh1", TimeSpan.FromHours(23));
        var notOurs = Folder(temp, "talos-cilium-other-old", TimeSpan.FromDays(5));
        var someoneElses = Folder(temp, "helm-render-old", TimeSpan.FromDays(5));
        var oldFile = temp.WriteFile("talos-cilium-render-file", "not a folder");
        File.SetLastWriteTimeUtc(oldFile, (Now - TimeSpan.FromDays(5)).UtcDateTime);

        var removed = StaleTemporaryFolders.Remove(temp.Path, Now);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EquivalentTo(new[] { staleRender, staleHelm, stalePull }));
            Assert.That(Directory.Exists(staleRender) || Directory.Exists(staleHelm) || Directory.Exists(stalePull), Is.False);
            Assert.That(Directory.Exists(fresh) && Directory.Exists(notOurs) && Directory.Exists(someoneElses) && File.Exists(oldFile), Is.True);
        });
    }

    [Test]
    public void Symbolic_links_are_never_followed()
    {
        using var temp = new TempDirectory();
        var precious = Folder(temp, "precious", TimeSpan.FromDays(3));
        var link = temp.Combine("talos-cilium-render-link");
        Directory.CreateSymbolicLink(link, precious);
        var stale = Folder(temp, "talos-cilium-helm-stale", TimeSpan.FromDays(3));
        Directory.CreateSymbolicLink(Path.Combine(stale, "inside"), precious);
        Directory.SetLastWriteTimeUtc(stale, (Now - TimeSpan.FromDays(3)).UtcDateTime);

        var removed = StaleTemporaryFolders.Remove(temp.Path, Now);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(new[] { stale }), "the stale folder goes, the link named like ours stays");
            Assert.That(Directory.Exists(link), Is.True);
            Assert.That(File.Exists(Path.Combine(precious, "values.yaml")), Is.True, "a link inside a removed folder is unlinked, not followed");
        });
    }

    [Test]
    public void A_missing_temporary_folder_is_not_an_error()
    {
        using var temp = new TempDirectory();

        Assert.That(StaleTemporaryFolders.Remove(temp.Combine("gone"), Now), Is.Empty);
    }

    [Test]
    public async Task A_render_removes_stale_folders_in_the_system_temporary_folder()
    {
        var stale = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "talos-cilium-render-" + Guid.NewGuid().ToString("N"))).FullName;
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromDays(2));

        // Fails at once (no helm), but the clean-up runs first.
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest { HelmPath = "/nonexistent/helm" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(Directory.Exists(stale), Is.False);
        });
    }

    [Test]
    public async Task A_render_whose_clock_is_set_ahead_leaves_the_folders_of_concurrent_renders_alone()
    {
        // What a concurrent render (another build, another test process) has in use right now.
        var live = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "talos-cilium-render-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var aYearAhead = RenderEnvironment.FromProcess() with { Time = new Stability.ShiftedTimeProvider(TimeSpan.FromDays(365)) };

            var result = await new ManifestRenderer(aYearAhead).RenderAsync(new RenderRequest { HelmPath = "/nonexistent/helm" });

            Assert.Multiple(() =>
            {
                Assert.That(result.Succeeded, Is.False);
                Assert.That(Directory.Exists(live), Is.True, "a folder made a moment ago is never stale, whatever the render's clock says");
            });
        }
        finally
        {
            Directory.Delete(live);
        }
    }
}
