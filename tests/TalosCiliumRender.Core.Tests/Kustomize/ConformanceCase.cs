namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>
/// A kustomization folder with the output (or error) real kustomize produced for it. <see cref="BuildDirectory"/> is
/// the folder to build: the case folder, or the one its <c>build-dir.txt</c> names (a case with several
/// kustomizations, such as <c>overlays/prod</c> over <c>base</c>). A case holding <c>intentional-difference.md</c>
/// is one where we differ from kustomize on purpose; the file says why, and the README lists it.
/// </summary>
public sealed record ConformanceCase(string Name, string Directory)
{
    /// <summary>
    /// The fewest cases each source may hold: the shared corpus as delivered, and this project's own cases as
    /// committed. A missing or shrunken corpus fails <see cref="KustomizeConformanceTests.Sources_hold_their_cases"/> instead of silently
    /// running fewer cases.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> MinimumCases = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["shared"] = 81,
        ["own"] = 117,
    };

    public string? ExpectedYaml => File.Exists(Path.Combine(Directory, "expected.yaml")) ? File.ReadAllText(Path.Combine(Directory, "expected.yaml")) : null;

    public string? ExpectedError => File.Exists(Path.Combine(Directory, "expected-error.txt")) ? File.ReadAllText(Path.Combine(Directory, "expected-error.txt")) : null;

    public bool IsError => ExpectedError is not null;

    /// <summary>Why this case's expectation is ours rather than kubectl's, or <see langword="null"/> when it is kubectl's.</summary>
    public string? IntentionalDifference => File.Exists(Path.Combine(Directory, "intentional-difference.md")) ? File.ReadAllText(Path.Combine(Directory, "intentional-difference.md")) : null;

    public string BuildDirectory => File.Exists(Path.Combine(Directory, "build-dir.txt"))
        ? Path.GetFullPath(Path.Combine(Directory, File.ReadAllText(Path.Combine(Directory, "build-dir.txt")).Trim()))
        : Directory;

    public string Source => Name[..Name.IndexOf('/', StringComparison.Ordinal)];

    public override string ToString() => Name;

    public static string SharedCasesDirectory => Path.Combine(TestPaths.Shared, "conformance", "kustomize", "cases");

    public static string OwnCasesDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Kustomize", "Cases");

    /// <summary>
    /// Every case folder of the shared corpus and of this project's own cases, listed when the tests run so that
    /// cases added later run too. A missing source yields nothing here and fails <see cref="KustomizeConformanceTests.Sources_hold_their_cases"/>.
    /// </summary>
    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (prefix, root) in Sources())
        {
            if (!System.IO.Directory.Exists(root))
            {
                continue;
            }

            foreach (var dir in System.IO.Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
            {
                yield return new ConformanceCase($"{prefix}/{Path.GetFileName(dir)}", dir);
            }
        }
    }

    /// <summary>The sources and their folders.</summary>
    public static IEnumerable<(string Name, string Directory)> Sources() => [("shared", SharedCasesDirectory), ("own", OwnCasesDirectory)];
}
