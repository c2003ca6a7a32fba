namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>A kustomization folder with the output (or error) real kustomize produced for it.</summary>
public sealed record ConformanceCase(string Name, string Directory)
{
    public string? ExpectedYaml => File.Exists(Path.Combine(Directory, "expected.yaml")) ? File.ReadAllText(Path.Combine(Directory, "expected.yaml")) : null;

    public string? ExpectedError => File.Exists(Path.Combine(Directory, "expected-error.txt")) ? File.ReadAllText(Path.Combine(Directory, "expected-error.txt")) : null;

    public bool IsError => ExpectedError is not null;

    public override string ToString() => Name;

    /// <summary>
    /// Every case folder of the shared corpus and of this project's own cases, listed when the tests run so that
    /// cases added later run too.
    /// </summary>
    public static IEnumerable<ConformanceCase> All()
    {
        var shared = Path.Combine(TestPaths.Shared, "conformance", "kustomize", "cases");
        var own = OwnCasesDirectory;
        foreach (var (prefix, root) in new[] { ("shared", shared), ("own", own) })
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

    public static string OwnCasesDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Kustomize", "Cases");
}
