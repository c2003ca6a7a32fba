using TalosCiliumRender.Core.Upgrades;

namespace TalosCiliumRender.Core.Tests.Upgrades;

/// <summary>The table of API versions Cilium stopped serving: every entry cites Cilium's upgrade notes.</summary>
public sealed class RemovedApiVersionsTests
{
    [Test]
    public void Every_entry_quotes_the_upgrade_notes_of_its_minor()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RemovedApiVersions.Table, Is.Not.Empty);
            foreach (var entry in RemovedApiVersions.Table)
            {
                Assert.That(entry.Citation, Does.Contain("Documentation/operations/upgrade.rst").And.Contain($"{entry.Since} Upgrade Notes")
                    .And.Contain($"https://docs.cilium.io/en/v{entry.Since}/operations/upgrade/"), entry.Kind);
                Assert.That(entry.Citation, Does.Contain(entry.Kind), "the quote names the kind");
            }
        });
    }

    [Test]
    public void An_entry_without_a_citation_or_with_an_unknown_status_is_refused()
    {
        const string NoCitation = """{"entries":[{"apiVersion":"a/v1","kind":"K","status":"removed","cilium":"1.19","replacement":"r"}]}""";
        const string BadStatus = """{"entries":[{"apiVersion":"a/v1","kind":"K","status":"gone","cilium":"1.19","replacement":"r","citation":"c"}]}""";
        Assert.Multiple(() =>
        {
            Assert.That(() => RemovedApiVersions.Parse(NoCitation), Throws.TypeOf<InvalidDataException>().With.Message.Contain("citation"));
            Assert.That(() => RemovedApiVersions.Parse(BadStatus), Throws.TypeOf<InvalidDataException>());
        });
    }
}
