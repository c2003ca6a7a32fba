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
}
