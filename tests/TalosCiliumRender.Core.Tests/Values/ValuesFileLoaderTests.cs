using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;

namespace TalosCiliumRender.Core.Tests.Values;

public sealed class ValuesFileLoaderTests
{
    private static async Task<Diagnostic> LoadFailureAsync(TempDirectory temp, string fileName)
    {
        var environment = new RenderEnvironment(_ => null, temp.Path, TimeProvider.System);
        var error = Assert.ThrowsAsync<DiagnosticException>(() => ValuesFileLoader.LoadAsync(fileName, environment, CancellationToken.None))!;
        await Task.CompletedTask;
        return error.Diagnostic;
    }

    [Test]
    public async Task Missing_file_is_TCR0006_naming_the_path()
    {
        using var temp = new TempDirectory();
        var diagnostic = await LoadFailureAsync(temp, "nope.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR0006"));
            Assert.That(diagnostic.File, Is.EqualTo("nope.yaml"));
        });
    }

    [Test]
    public async Task A_folder_is_TCR0032_saying_it_is_a_folder()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("values"));
        var diagnostic = await LoadFailureAsync(temp, "values");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR0032"));
            Assert.That(diagnostic.Message, Does.Contain("is a folder").And.Not.Contain("does not exist"));
        });
    }

    [Test]
    public async Task Duplicate_key_is_TCR3001_with_line_and_column()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "hubble:\n  enabled: true\n  enabled: false\n");
        var diagnostic = await LoadFailureAsync(temp, "values.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR3001"));
            Assert.That((diagnostic.File, diagnostic.Line), Is.EqualTo(("values.yaml", (int?)3)));
        });
    }

    [Test]
    public async Task Malformed_yaml_is_TCR3002_with_file_line_and_column()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "hubble:\n  relay: {enabled: true\nipam: x\n");
        var diagnostic = await LoadFailureAsync(temp, "values.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo("TCR3002"));
            Assert.That(diagnostic.File, Is.EqualTo("values.yaml"));
            Assert.That(diagnostic.Line, Is.Not.Null);
            Assert.That(diagnostic.Column, Is.Not.Null);
            Assert.That(diagnostic.ToString(), Does.StartWith($"values.yaml({diagnostic.Line},{diagnostic.Column}): error TCR3002: "));
        });
    }

    [Test]
    public async Task A_list_at_the_top_is_TCR3003()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "- a\n- b\n");
        Assert.That((await LoadFailureAsync(temp, "values.yaml")).Code, Is.EqualTo("TCR3003"));
    }

    [Test]
    public async Task Empty_file_is_empty_values()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "# nothing yet\n");
        var values = await ValuesFileLoader.LoadAsync("values.yaml", new RenderEnvironment(_ => null, temp.Path, TimeProvider.System), CancellationToken.None);
        Assert.That(values.Children, Is.Empty);
    }

    [Test]
    public async Task Bytes_that_are_not_UTF8_are_TCR0022_with_the_line_and_byte_offset()
    {
        using var temp = new TempDirectory();
        await File.WriteAllBytesAsync(temp.Combine("values.yaml"), [.. "a: 1\nb: \"x"u8, 0xFF, .. "y\"\n"u8]);
        var diagnostic = await LoadFailureAsync(temp, "values.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCatalog.FileNotUtf8.Code));
            Assert.That((diagnostic.File, diagnostic.Line), Is.EqualTo(("values.yaml", (int?)2)));
            Assert.That(diagnostic.Message, Does.Contain("byte offset 10").And.Contain("0xFF"));
        });
    }

    [Test]
    public async Task Keys_are_the_text_helm_reads_so_they_merge_with_the_same_key_from_set()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", "on: 1\n\"true\": 2\nOff: 3\nmap:\n  0x10: a\n  1: b\n  y: c\n  Y: d\n  ~: e\n  1e3: f\n");
        var values = await ValuesFileLoader.LoadAsync("values.yaml", new RenderEnvironment(_ => null, temp.Path, TimeProvider.System), CancellationToken.None);

        // As helm 3.17.3 and 4.1.4 read the same file: {"true":2,"false":3,"map":{"16":"a","1":"b","true":"d",...}}
        // (the last of two keys that read the same wins); a null key is left for helm to refuse, a float key as written.
        Assert.That(Core.Yaml.YamlWriter.WriteNode(values), Is.EqualTo("\"true\": 2\n\"false\": 3\nmap:\n  \"16\": a\n  1: b\n  \"true\": d\n  ~: e\n  1e3: f\n"));
    }
}
