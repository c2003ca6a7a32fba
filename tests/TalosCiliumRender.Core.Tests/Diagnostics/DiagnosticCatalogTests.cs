using System.Reflection;
using System.Text.RegularExpressions;
using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Tests.Diagnostics;

public sealed class DiagnosticCatalogTests
{
    [Test]
    public void Codes_are_unique_well_formed_and_in_their_area()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DiagnosticCatalog.All.Select(d => d.Code), Is.Unique);
            Assert.That(DiagnosticCatalog.All, Has.Count.GreaterThan(20));
            foreach (var descriptor in DiagnosticCatalog.All)
            {
                Assert.That(descriptor.Code, Does.Match(@"^TCR([01239]\d{3}|40[0-4]\d|50[0-6]\d|60[0-4]\d)$"));
                Assert.That(descriptor.Title, Is.Not.Empty);
                Assert.That(() => descriptor.Create(Enumerable.Repeat<object?>("x", 8).ToArray()), Throws.Nothing, descriptor.Code + " message format");
            }
        });
    }

    [Test]
    public void Every_catalog_code_has_exactly_one_public_constant_and_every_constant_a_catalog_entry()
    {
        var constants = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var entries = typeof(DiagnosticCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .ToDictionary(f => f.Name, f => ((DiagnosticDescriptor)f.GetValue(null)!).Code);
        Assert.Multiple(() =>
        {
            Assert.That(constants.Values, Is.Unique, "two constants name one code");
            Assert.That(constants, Is.EquivalentTo(entries), "DiagnosticCodes and DiagnosticCatalog must hold the same names for the same codes");
            Assert.That(typeof(DiagnosticCodes).GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly), Has.Length.EqualTo(constants.Count), "DiagnosticCodes holds constants only");
        });
    }

    [Test]
    public void Every_code_has_a_help_page()
    {
        var docs = Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics");
        Assert.Multiple(() =>
        {
            foreach (var descriptor in DiagnosticCatalog.All)
            {
                var page = Path.Combine(docs, descriptor.Code + ".md");
                Assert.That(File.Exists(page), Is.True, $"{page} is missing: run build/generate-diagnostic-docs.py");
                if (File.Exists(page))
                {
                    Assert.That(File.ReadLines(page).First(), Is.EqualTo($"# {descriptor.Code}: {descriptor.Title}"));
                }
            }

            var orphans = Directory.GetFiles(docs, "TCR*.md").Select(Path.GetFileNameWithoutExtension)
                .Except(DiagnosticCatalog.All.Select(d => d.Code));
            Assert.That(orphans, Is.Empty, "pages for codes that no longer exist");
        });
    }

    [Test]
    public void Canonical_form_is_what_editors_and_msbuild_recognise()
    {
        var diagnostic = DiagnosticCatalog.DuplicateKey.Create(new SourceLocation("values.yaml", 3, 5), "enabled");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.ToString(), Is.EqualTo("values.yaml(3,5): error TCR3001: Key 'enabled' appears twice in the same mapping. Remove one of them."));
            Assert.That(diagnostic.HelpLink, Does.EndWith("/docs/diagnostics/TCR3001.md"));
            Assert.That(DiagnosticCatalog.HelmNotFound.Create("x").ToString(), Does.StartWith("talos-cilium: error TCR1001: "));
            Assert.That(Regex.IsMatch(DiagnosticCatalog.HelmWarning.Create("c", "w").ToString(), "^talos-cilium: warning TCR1050: "), Is.True);
        });
    }
}
