namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>
/// Every patch fixture's expectation comes from a reference tool (kustomize, <c>kubectl patch --local</c>) or is
/// marked as an intentional difference with its reason, so no fixture can claim an error the tools do not give.
/// </summary>
public sealed class PatchFixtureSourceTests
{
    [Test]
    public void Every_expectation_names_its_source()
    {
        var fixtures = PatchFixture.All().ToList();
        var unsourced = fixtures.Where(f => f.ExpectationSource is null).Select(f => f.File).ToList();

        Assert.That(fixtures, Has.Count.GreaterThan(100), "the fixture folders are missing or shrank");
        Assert.That(unsourced, Is.Empty, "fixtures whose expectation neither a reference tool gives (rejectedBy/reference) nor a divergence note explains; run build/update-patch-fixtures.py");
    }

    [Test]
    public void Error_fixtures_are_named_as_errors()
    {
        var misnamed = PatchFixture.All()
            .Where(f => f.ExpectedError is null == f.Name.StartsWith("err-", StringComparison.Ordinal))
            .Where(f => f.Divergence is null)
            .Select(f => f.Name)
            .ToList();

        Assert.That(misnamed, Is.Empty, "an err- fixture expects an error, and only err- fixtures do (unless a divergence note explains)");
    }
}
