using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>The JSON 6902 fixtures under JsonPatchCases/, each checked against kustomize's and kubectl's output.</summary>
public sealed class JsonPatchFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() => PatchFixture.Cases("JsonPatchCases");

    [TestCaseSource(nameof(Cases))]
    public void Fixture(object fixtureObject)
    {
        var fixture = (PatchFixture)fixtureObject;
        var text = fixture.Patch is YamlScalarNode { Value: { } body } ? body : YamlWriter.WriteNode(fixture.Patch);
        var target = YamlNodes.DeepClone(fixture.Source);

        if (fixture.ExpectedError is { } code)
        {
            var error = Assert.Throws<DiagnosticException>(() =>
                JsonPatch.Apply(target, JsonPatch.Parse(text, fixture.File), StrategicMergePatch.DescribeResource(fixture.Source)));
            Assert.That(error!.Diagnostic.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.Diagnostic.File, Is.EqualTo(fixture.File), "the diagnostic names the patch file");
            return;
        }

        Assert.That(fixture.HasExpectation, Is.True, $"{fixture.File} has neither expected nor expectedError");
        var result = JsonPatch.Apply(target, JsonPatch.Parse(text, fixture.File), StrategicMergePatch.DescribeResource(fixture.Source));
        PatchAssert.Equivalent(result, fixture.Expected, fixture);
    }
}
