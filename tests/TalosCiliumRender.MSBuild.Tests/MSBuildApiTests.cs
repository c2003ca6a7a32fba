using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>
/// The package's MSBuild-visible API (properties, items, metadata, targets) is read from its .props/.targets XML and
/// approved in a snapshot, like the C# public API: renaming one breaks users' projects.
/// </summary>
public sealed partial class MSBuildApiTests
{
    private static readonly string PackageFolder = Path.Combine(TestPaths.RepositoryRoot, "src", "TalosCiliumRender.MSBuild");

    private static XDocument Load(string relative) => XDocument.Load(Path.Combine(PackageFolder, relative), LoadOptions.None);

    private static XDocument Props => Load("build/TalosCiliumRender.MSBuild.props");

    private static XDocument Targets => Load("build/TalosCiliumRender.MSBuild.targets");

    private static IEnumerable<XElement> All => Props.Descendants().Concat(Targets.Descendants());

    private static IReadOnlyList<string> PublicProperties => Props.Descendants("PropertyGroup").Elements().Select(e => e.Name.LocalName).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<string> ItemMetadata => Props.Descendants("ItemDefinitionGroup").Elements("TalosCiliumRender").Elements().Select(e => e.Name.LocalName).ToArray();

    private static IReadOnlyList<string> PublicTargets => Targets.Descendants("Target").Select(t => (string)t.Attribute("Name")!).Where(n => !n.StartsWith('_')).Order(StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<string> PublicItems =>
        All.Where(e => e.Parent?.Name.LocalName is "ItemGroup" or "ItemDefinitionGroup").Select(e => e.Name.LocalName)
            .Concat(All.SelectMany(e => e.Attributes()).SelectMany(a => ItemReference().Matches(a.Value).Select(m => m.Groups[1].Value)))
            .Where(n => !n.StartsWith('_') && n != "FileWrites")
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void MSBuild_api_is_approved()
    {
        var api = new StringBuilder();
        api.AppendLine("properties:");
        foreach (var property in PublicProperties)
        {
            api.AppendLine("  " + property);
        }

        api.AppendLine("items:");
        foreach (var item in PublicItems)
        {
            api.AppendLine("  " + item);
        }

        api.AppendLine("metadata of TalosCiliumRender (default: property TalosCiliumRender<Name>):");
        foreach (var metadata in ItemMetadata)
        {
            api.AppendLine("  " + metadata);
        }

        api.AppendLine("targets:");
        foreach (var target in PublicTargets)
        {
            api.AppendLine("  " + target);
        }

        Snapshot.Match(api.ToString());
    }

    [Test]
    public void Every_other_name_is_private_and_every_property_is_documented()
    {
        var defined = All.Where(e => e.Parent?.Name.LocalName is "PropertyGroup" or "ItemGroup").Select(e => e.Name.LocalName)
            .Concat(Targets.Descendants("Target").Select(t => (string)t.Attribute("Name")!))
            .Distinct();
        var undocumented = Props.Descendants("PropertyGroup").Elements().Where(e => e.PreviousNode is not XComment).Select(e => e.Name.LocalName);

        Assert.Multiple(() =>
        {
            Assert.That(defined.Where(n => !n.StartsWith("_TalosCiliumRender", StringComparison.Ordinal) && !PublicProperties.Contains(n) && !PublicItems.Contains(n) && !PublicTargets.Contains(n) && n != "FileWrites"), Is.Empty);
            Assert.That(undocumented, Is.Empty, "each property needs an XML comment right above it");
        });
    }

    [Test]
    public void Item_metadata_the_props_define_are_the_metadata_the_task_reads_and_each_has_a_property()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ItemMetadata.Order(StringComparer.Ordinal), Is.EqualTo(RenderItems.MetadataNames.Order(StringComparer.Ordinal)));
            foreach (var metadata in Props.Descendants("ItemDefinitionGroup").Elements("TalosCiliumRender").Elements())
            {
                Assert.That(metadata.Value, Is.EqualTo($"$(TalosCiliumRender{metadata.Name.LocalName})"));
            }
        });
    }

    [Test]
    public void The_inputs_hash_covers_every_metadata_the_task_reads()
    {
        // A metadata left out of the hash would change the render without making the target run again.
        var hash = Targets.Descendants("Hash").Select(h => (string)h.Attribute("ItemsToHash")!).Single();
        var hashed = ItemMetadataReference().Matches(hash).Select(m => m.Groups[1].Value).Where(n => n != "FullPath").ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(hashed, Is.Unique, "each metadata once");
            Assert.That(hashed.Order(StringComparer.Ordinal), Is.EqualTo(RenderItems.MetadataNames.Order(StringComparer.Ordinal)));
            Assert.That(hash, Does.Contain("%(FullPath)"), "the output path is an input too: moving it must render again");
        });
    }

    [Test]
    public void The_readme_documents_every_property_and_metadata()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        Assert.Multiple(() =>
        {
            foreach (var name in PublicProperties.Concat(PublicTargets).Concat(PublicItems))
            {
                Assert.That(readme, Does.Contain($"`{name}`"), name);
            }
        });
    }

    [Test]
    public void Multi_targeting_files_import_the_single_target_ones()
    {
        foreach (var extension in new[] { "props", "targets" })
        {
            var imports = Load($"buildMultiTargeting/TalosCiliumRender.MSBuild.{extension}").Descendants("Import").Select(i => (string)i.Attribute("Project")!);
            Assert.That(imports, Is.EqualTo(new[] { $"$(MSBuildThisFileDirectory)../build/TalosCiliumRender.MSBuild.{extension}" }));
        }
    }

    [GeneratedRegex(@"@\(([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"%\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex ItemMetadataReference();
}
