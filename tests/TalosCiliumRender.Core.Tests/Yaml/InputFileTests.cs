using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class InputFileTests
{
    [Test]
    public async Task A_file_of_exactly_the_limit_is_read_whole()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("limit.yaml", new string('a', YamlLimits.MaxFileBytes));
        Assert.That(await InputFile.ReadBytesAsync(path, "limit.yaml", CancellationToken.None), Has.Length.EqualTo(YamlLimits.MaxFileBytes));
    }

    [Test]
    public void One_byte_more_is_TCR3007_at_the_line_and_column_of_that_byte()
    {
        using var temp = new TempDirectory();
        var line = new string('a', 1023) + "\n";
        var path = temp.WriteFile("big.yaml", string.Concat(Enumerable.Repeat(line, YamlLimits.MaxFileBytes / 1024)) + "b");
        var error = Assert.ThrowsAsync<DiagnosticException>(() => InputFile.ReadBytesAsync(path, "big.yaml", CancellationToken.None))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column),
            Is.EqualTo(("TCR3007", "big.yaml", (int?)((YamlLimits.MaxFileBytes / 1024) + 1), (int?)1)));
    }

    [Test]
    public void An_endless_device_stops_at_the_limit()
    {
        var error = Assert.ThrowsAsync<DiagnosticException>(() => InputFile.ReadBytesAsync("/dev/zero", "/dev/zero", CancellationToken.None))!;
        Assert.That((error.Diagnostic.Code, error.Diagnostic.Line, error.Diagnostic.Column), Is.EqualTo(("TCR3007", (int?)1, (int?)(YamlLimits.MaxFileBytes + 1))));
    }

    [Test]
    public async Task A_file_whose_size_the_file_system_does_not_know_is_read_to_its_end()
    {
        // /proc files report a size of 0 and are read in chunks.
        var bytes = await InputFile.ReadBytesAsync("/proc/self/status", "status", CancellationToken.None);
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Does.Contain("Pid:"));
    }
}
