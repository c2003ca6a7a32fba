using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>The JSON 6902 fixtures under JsonPatchCases/, each checked against kustomize's and kubectl's output.</summary>
public sealed class JsonPatchFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() => PatchFixture.Cases("JsonPatchCases");

    /// <summary>
    /// <c>talos-cilium kustomize</c>'s reading (kustomize's): <c>expected</c>, or <c>expectedError</c>.
    /// </summary>
    [TestCaseSource(nameof(Cases))]
    public void Fixture_as_kustomize(object fixtureObject) => Check((PatchFixture)fixtureObject, asKustomize: true, ((PatchFixture)fixtureObject).ExpectedError);

    /// <summary>Patching a render: the same, except where <c>renderError</c> says it refuses what kustomize accepts.</summary>
    [TestCaseSource(nameof(Cases))]
    public void Fixture_patching_a_render(object fixtureObject) =>
        Check((PatchFixture)fixtureObject, asKustomize: false, ((PatchFixture)fixtureObject).ExpectedError ?? ((PatchFixture)fixtureObject).RenderError);

    private static void Check(PatchFixture fixture, bool asKustomize, string? expectedCode)
    {
        var text = fixture.Patch is YamlScalarNode { Value: { } body } ? body : YamlWriter.WriteNode(fixture.Patch);
        var target = YamlNodes.DeepClone(fixture.Source);

        if (expectedCode is { } code)
        {
            var error = Assert.Throws<DiagnosticException>(() =>
                JsonPatch.Apply(target, JsonPatch.Parse(text, fixture.File, asKustomize), StrategicMergePatch.DescribeResource(fixture.Source), asKustomize));
            Assert.That(error!.Diagnostic.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.Diagnostic.File, Is.EqualTo(fixture.File), "the diagnostic names the patch file");
            return;
        }

        Assert.That(fixture.HasExpectation, Is.True, $"{fixture.File} has neither expected nor expectedError");
        var result = JsonPatch.Apply(target, JsonPatch.Parse(text, fixture.File, asKustomize), StrategicMergePatch.DescribeResource(fixture.Source), asKustomize);
        PatchAssert.Equivalent(result, fixture.Expected, fixture);
    }
}
