using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>The strategic merge fixtures under SmpCases/, each checked against kustomize's or kubectl's output.</summary>
public sealed class StrategicMergePatchFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() => PatchFixture.Cases("SmpCases");

    [TestCaseSource(nameof(Cases))]
    public void Fixture(object fixtureObject)
    {
        var fixture = (PatchFixture)fixtureObject;
        var target = YamlNodes.DeepClone(fixture.Source);
        var patch = fixture.Patch as YamlMappingNode ?? throw new InvalidDataException($"{fixture.File}: an SMP patch must be a mapping");

        if (fixture.ExpectedError is { } code)
        {
            var error = Assert.Throws<DiagnosticException>(() => StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes, fixture.File));
            Assert.That(error!.Diagnostic.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.Diagnostic.File, Is.EqualTo(fixture.File), "the diagnostic names the patch file");
            return;
        }

        Assert.That(fixture.HasExpectation, Is.True, $"{fixture.File} has neither expected nor expectedError");
        var before = YamlWriter.WriteNode(patch);
        var result = StrategicMergePatch.Apply(target, patch, MergeKeyRegistry.Kubernetes, fixture.File);

        Assert.That(YamlWriter.WriteNode(patch), Is.EqualTo(before), "the patch is not changed");
        PatchAssert.Equivalent(result, fixture.Expected, fixture);
        if (result is not null)
        {
            PatchAssert.NoDirectives(result);
        }
    }
}
