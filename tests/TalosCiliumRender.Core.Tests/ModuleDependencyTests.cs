using System.Text.RegularExpressions;

namespace TalosCiliumRender.Core.Tests;

/// <summary>
/// The README's "How the code is organised" is the contract of the core's structure: each module paragraph starts
/// with <c>**Module** (uses A, B)</c>, and the code may only reach the modules named there. Checked from the source,
/// so a stray <c>using</c> fails here rather than in a reviewer's head.
/// </summary>
public sealed partial class ModuleDependencyTests
{
    private const string Root = "Core";

    private static readonly string CoreSource = Path.Combine(TestPaths.RepositoryRoot, "src", "TalosCiliumRender.Core");

    [Test]
    public void Every_module_reaches_only_the_modules_the_readme_names()
    {
        var documented = DocumentedModules();
        var actual = ActualDependencies();

        Assert.Multiple(() =>
        {
            Assert.That(actual.Keys.Order(StringComparer.Ordinal), Is.EqualTo(documented.Keys.Order(StringComparer.Ordinal)),
                "every module folder has one README paragraph, and every paragraph a folder");
            foreach (var (module, uses) in actual)
            {
                if (documented.TryGetValue(module, out var allowed))
                {
                    Assert.That(uses.Except(allowed).Order(StringComparer.Ordinal), Is.Empty, $"{module} reaches modules its README paragraph does not name");
                    Assert.That(allowed.Except(uses).Order(StringComparer.Ordinal), Is.Empty, $"{module}'s README paragraph names modules it does not use");
                }
            }
        });
    }

    [Test]
    public void The_modules_form_no_cycle()
    {
        var graph = ActualDependencies();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new Stack<string>();

        foreach (var module in graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(module);
        }

        void Visit(string module)
        {
            if (state.TryGetValue(module, out var done))
            {
                Assert.That(done, Is.True, $"namespace cycle: {string.Join(" → ", path.Reverse().SkipWhile(m => m != module))} → {module}");
                return;
            }

            state[module] = false;
            path.Push(module);
            foreach (var next in graph.GetValueOrDefault(module, []).Order(StringComparer.Ordinal))
            {
                Visit(next);
            }

            path.Pop();
            state[module] = true;
        }
    }

    [TestCase("Diff")]
    [TestCase("Lint")]
    [TestCase("Layouts")]
    public void Diff_lint_and_layouts_stay_out_of_each_other(string module)
    {
        // Each is a consumer of documents, never of another consumer: the pipeline composes them.
        var others = new[] { "Diff", "Lint", "Layouts" }.Where(m => m != module);
        Assert.That(ActualDependencies()[module].Intersect(others), Is.Empty);
    }

    [Test]
    public void The_dependency_scan_sees_qualified_names_and_usings()
    {
        // Without this the other tests could pass on a scan that finds nothing.
        var uses = References("using TalosCiliumRender.Core.Yaml;\nvar x = new TalosCiliumRender.Core.Pem.PemValue();\n// TalosCiliumRender.Core.Lint in a comment\n");
        Assert.That(uses.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "Pem", "Yaml" }));
    }

    private static Dictionary<string, HashSet<string>> ActualDependencies()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(CoreSource, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(CoreSource, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
            {
                continue;
            }

            var module = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : Root;
            var uses = graph.TryGetValue(module, out var existing) ? existing : graph[module] = new HashSet<string>(StringComparer.Ordinal);
            uses.UnionWith(References(File.ReadAllText(file)).Where(m => m != module));
        }

        return graph;
    }

    private static IEnumerable<string> References(string source)
    {
        var code = Comment().Replace(source, string.Empty);
        return ModuleReference().Matches(code).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);
    }

    private static Dictionary<string, HashSet<string>> DocumentedModules()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("## How the code is organised", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README section 'How the code is organised'");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        return ModuleParagraph().Matches(section).ToDictionary(
            m => m.Groups[1].Value,
            m => m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(u => u != "nothing").ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"TalosCiliumRender\.Core\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex ModuleReference();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\*\*([A-Za-z]+)\*\* \(uses ([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex ModuleParagraph();
}
