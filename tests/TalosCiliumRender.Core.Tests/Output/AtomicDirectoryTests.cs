using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Layouts;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Output;

public sealed class AtomicDirectoryTests
{
    private static readonly string Kustomization = DirectoryLayout.Marker.FirstLine + "\nkind: Kustomization\n";

    private static PlannedFile[] Files(params (string Name, string Content)[] files) =>
        [.. files.Select(f => new PlannedFile(f.Name, f.Content)), new PlannedFile("kustomization.yaml", Kustomization)];

    private static Task<OutputStatus> WriteAsync(string folder, PlannedFile[] files, CancellationToken cancellationToken = default) =>
        AtomicDirectory.WriteIfChangedAsync(OutputTarget.Resolve(folder, folder), files, DirectoryLayout.Marker, existing: null, cancellationToken);

    private static string[] Names(string folder) => Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Test]
    public async Task Creates_the_folder_then_leaves_identical_content_untouched()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        var files = Files(("a.yaml", "a: 1\n"), ("b.yaml", "b: 2\n"));

        var first = await WriteAsync(folder, files);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "a.yaml"), stamp);
        var second = await WriteAsync(folder, files);

        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((OutputStatus.Written, OutputStatus.Unchanged)));
            Assert.That(Names(folder), Is.EqualTo(new[] { "a.yaml", "b.yaml", "kustomization.yaml" }));
            Assert.That(File.GetLastWriteTimeUtc(Path.Combine(folder, "a.yaml")), Is.EqualTo(stamp));
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "b.yaml")), Is.EqualTo("b: 2\n"u8.ToArray()));
            Assert.That(Names(temp.Path), Is.EqualTo(new[] { "out" }), "no temporary folder left behind");
        });
    }

    [Test]
    public async Task Removes_stale_files_and_keeps_timestamps_of_unchanged_ones()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        await WriteAsync(folder, Files(("a.yaml", "a: 1\n"), ("gone.yaml", "x: 1\n")));
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "a.yaml"), stamp);

        var status = await WriteAsync(folder, Files(("a.yaml", "a: 1\n"), ("new.yaml", "n: 1\n")));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OutputStatus.Written));
            Assert.That(Names(folder), Is.EqualTo(new[] { "a.yaml", "kustomization.yaml", "new.yaml" }));
            Assert.That(File.GetLastWriteTimeUtc(Path.Combine(folder, "a.yaml")), Is.EqualTo(stamp), "unchanged file not rewritten");
            Assert.That(Names(temp.Path), Is.EqualTo(new[] { "out" }));
        });
    }

    [Test]
    public async Task Empty_existing_folder_is_used()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        Directory.CreateDirectory(folder);
        Assert.That(await WriteAsync(folder, Files(("a.yaml", "a: 1\n"))), Is.EqualTo(OutputStatus.Written));
    }

    [Test]
    public void Folder_not_written_by_talos_cilium_is_TCR5006_and_untouched()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("repo");
        var precious = temp.WriteFile("repo/README.md", "precious");

        var error = Assert.ThrowsAsync<DiagnosticException>(() => WriteAsync(folder, Files(("a.yaml", "a: 1\n"))))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR5006"));
            Assert.That(File.ReadAllText(precious), Is.EqualTo("precious"));
            Assert.That(Names(folder), Is.EqualTo(new[] { "README.md" }));
        });
    }

    [Test]
    public void Hand_written_kustomization_is_not_ours_either()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("overlay");
        temp.WriteFile("overlay/kustomization.yaml", "resources: [a.yaml]\n");

        var error = Assert.ThrowsAsync<DiagnosticException>(() => WriteAsync(folder, Files(("a.yaml", "a: 1\n"))))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR5006"));
    }

    [Test]
    public void A_file_at_the_path_is_TCR5005()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("out", "file");

        var error = Assert.ThrowsAsync<DiagnosticException>(() => WriteAsync(path, Files(("a.yaml", "a: 1\n"))))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR5005"));
            Assert.That(File.ReadAllText(path), Is.EqualTo("file"));
        });
    }

    [Test]
    public async Task Failure_while_building_leaves_the_previous_folder_exactly_as_it_was()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        await WriteAsync(folder, Files(("a.yaml", "a: 1\n")));
        var before = Names(folder).Select(n => File.ReadAllText(Path.Combine(folder, n))).ToArray();

        // A file in a sub-folder that does not exist cannot be written: the build fails halfway.
        var error = Assert.ThrowsAsync<DiagnosticException>(() => WriteAsync(folder, Files(("a.yaml", "a: 2\n"), ("missing/b.yaml", "b: 1\n"))))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR0007"));
            Assert.That(Names(folder), Is.EqualTo(new[] { "a.yaml", "kustomization.yaml" }));
            Assert.That(Names(folder).Select(n => File.ReadAllText(Path.Combine(folder, n))), Is.EqualTo(before));
            Assert.That(Names(temp.Path), Is.EqualTo(new[] { "out" }), "no temporary folder left behind");
        });
    }

    [Test]
    public async Task Cancellation_leaves_the_previous_folder_untouched()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("out");
        await WriteAsync(folder, Files(("a.yaml", "a: 1\n")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => WriteAsync(folder, Files(("a.yaml", "a: 2\n")), cancelled.Token));
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(folder, "a.yaml")), Is.EqualTo("a: 1\n"));
            Assert.That(Names(temp.Path), Is.EqualTo(new[] { "out" }));
        });
    }
}
