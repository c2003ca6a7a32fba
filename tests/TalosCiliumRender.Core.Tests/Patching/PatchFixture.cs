using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

/// <summary>
/// One table-driven patch case, read from a YAML file under <c>SmpCases/</c> or <c>JsonPatchCases/</c>:
/// <c>description</c>, <c>source</c>, <c>patch</c>, and either <c>expected</c> (<c>null</c> when the patch deletes
/// the resource) or <c>expectedError</c> (a diagnostic code). <c>build/update-patch-fixtures.py</c> fills in
/// <c>expected</c> from kustomize and kubectl, and <c>rejectedBy</c> (the reference tool that refuses the patch too)
/// for an error. <c>renderError</c> is the code patching a render gives where kustomize accepts; it, and an error
/// no reference tool gives, come with <c>divergence</c>: why we differ on purpose.
/// </summary>
internal sealed record PatchFixture(
    string Name,
    string File,
    string Description,
    YamlMappingNode Source,
    YamlNode Patch,
    YamlNode? Expected,
    string? ExpectedError,
    string? Reference,
    string? RenderError,
    string? RejectedBy,
    string? Divergence)
{
    public static string Folder(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Patching", name);

    public static IEnumerable<TestCaseData> Cases(string folder) =>
        Directory.EnumerateFiles(Folder(folder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(f.Name));

    public static PatchFixture Load(string file)
    {
        var map = YamlReader.ReadSingleMapping(System.IO.File.ReadAllText(file), file, "Patch fixture");
        var expected = map.Get("expected");
        return new PatchFixture(
            Path.GetFileNameWithoutExtension(file),
            file,
            map.GetString("description") ?? throw new InvalidDataException($"{file}: no description"),
            map.Get("source") as YamlMappingNode ?? throw new InvalidDataException($"{file}: source must be a mapping"),
            map.Get("patch") ?? throw new InvalidDataException($"{file}: no patch"),
            expected is YamlScalarNode scalar && GoYamlDialect.IsNull(scalar) ? null : expected,
            map.GetString("expectedError"),
            map.GetString("reference"),
            map.GetString("renderError"),
            map.GetString("rejectedBy"),
            map.GetString("divergence"))
        {
            HasExpectation = expected is not null,
        };
    }

    /// <summary>False when the fixture has neither <c>expected</c> nor <c>expectedError</c> (a fixture bug).</summary>
    public bool HasExpectation { get; init; }

    /// <summary>
    /// Why the fixture's expectation may stand: an error some reference tool gives too, or a stated intentional
    /// difference; <see langword="null"/> when neither is written.
    /// </summary>
    public string? ExpectationSource =>
        Divergence is not null ? $"intentional difference: {Divergence}"
        : ExpectedError is not null ? RejectedBy is null ? null : $"rejected by {RejectedBy}"
        : RenderError is not null ? null
        : Reference;

    /// <summary>Every fixture file of both folders.</summary>
    public static IEnumerable<PatchFixture> All() =>
        new[] { "SmpCases", "JsonPatchCases" }.SelectMany(f => Directory.EnumerateFiles(Folder(f), "*.yaml")).Order(StringComparer.Ordinal).Select(Load);

    public override string ToString() => Name;
}
