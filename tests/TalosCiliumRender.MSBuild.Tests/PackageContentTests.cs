using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>Opens the packed .nupkg (MinVer's Sdk.cs) and approves its file list and (empty) dependencies.</summary>
public sealed class PackageContentTests
{
    [Test]
    public async Task Package_content_is_approved()
    {
        using var temp = new TempDirectory();
        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "TalosCiliumRender.MSBuild", "TalosCiliumRender.MSBuild.csproj");
        // The test project references the task project, so it is built in this configuration already.
        var pack = await DotNetCli.RunAsync(temp.Path, ["pack", project, "-c", DotNetCli.Configuration, "--no-build", "-o", temp.Path, "-nologo", "-nodeReuse:false"]);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString);

        using var package = ZipFile.OpenRead(Directory.GetFiles(temp.Path, "*.nupkg").Single());
        var files = package.Entries.Select(e => e.FullName)
            .Select(name => name.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) ? "package/services/metadata/core-properties/<id>.psmdcp" : name)
            .Order(StringComparer.Ordinal);
        var nuspecEntry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var dependencies = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies");
        var report = new StringBuilder();
        report.AppendLine("files:");
        foreach (var file in files)
        {
            report.AppendLine("  " + file);
        }

        report.AppendLine("developmentDependency: " + metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        report.AppendLine("dependencies: " + (dependencies is null ? "(none)" : dependencies.ToString()));
        Snapshot.Match(report.ToString());
    }
}
