using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Core.Tests.Output;

public sealed class AtomicFileTests
{
    [Test]
    public async Task Writes_a_new_file_then_leaves_identical_content_untouched()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("out.yaml");

        var first = await AtomicFile.WriteIfChangedAsync(path, path, "a: 1\n", CancellationToken.None);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        var second = await AtomicFile.WriteIfChangedAsync(path, path, "a: 1\n", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((OutputStatus.Written, OutputStatus.Unchanged)));
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo("a: 1\n"u8.ToArray()), "UTF-8 without BOM, bytes as given");
        });
    }

    [Test]
    public async Task Replaces_changed_content_and_leaves_no_temporary_files()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("out.yaml", "old\n");

        var status = await AtomicFile.WriteIfChangedAsync(path, path, "new\n", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OutputStatus.Written));
            Assert.That(File.ReadAllText(path), Is.EqualTo("new\n"));
            Assert.That(Directory.GetFiles(temp.Path), Is.EqualTo(new[] { path }));
        });
    }

    [Test]
    public void Missing_folder_is_TCR0007()
    {
        using var temp = new TempDirectory();
        var error = Assert.ThrowsAsync<DiagnosticException>(() => AtomicFile.WriteIfChangedAsync("out.yaml", temp.Combine("no", "such", "out.yaml"), "x", CancellationToken.None))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR0007"));
    }

    [Test]
    public void Failure_to_replace_leaves_the_target_and_folder_as_they_were()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("out.yaml");
        Directory.CreateDirectory(target); // a folder where the file should go: the rename must fail
        File.WriteAllText(Path.Combine(target, "keep.txt"), "kept");

        var error = Assert.ThrowsAsync<DiagnosticException>(() => AtomicFile.WriteIfChangedAsync(target, target, "x", CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo("TCR0007"));
            Assert.That(File.ReadAllText(Path.Combine(target, "keep.txt")), Is.EqualTo("kept"));
            Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.EqualTo(new[] { target }), "no temporary file left behind");
        });
    }
}
