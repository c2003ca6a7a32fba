using TalosCiliumRender.Core.Kustomize;

namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>
/// Runs every conformance case (the shared corpus and this project's own cases) through
/// <see cref="Kustomizer.BuildAsync"/>: trees must match, errors must be coded with no output, and document order
/// is checked separately, and so is byte equality with kubectl's output.
/// </summary>
public sealed class KustomizeConformanceTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        ConformanceCase.All().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    public static IEnumerable<TestCaseData> SuccessCases() =>
        ConformanceCase.All().Where(c => !c.IsError).Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    /// <summary>The corpus cannot shrink silently: each source exists and holds at least its committed number of cases.</summary>
    [Test]
    public void Sources_hold_their_cases()
    {
        var cases = ConformanceCase.All().ToList();
        Assert.Multiple(() =>
        {
            foreach (var (name, directory) in ConformanceCase.Sources())
            {
                Assert.That(Directory.Exists(directory), Is.True, $"the {name} conformance corpus '{directory}' is missing");
                var count = cases.Count(c => c.Source == name);
                TestContext.Out.WriteLine($"{name}: {count} cases");
                Assert.That(count, Is.GreaterThanOrEqualTo(ConformanceCase.MinimumCases[name]), $"the {name} conformance corpus shrank");
            }
        });
    }

    /// <summary>
    /// Every expectation is kubectl's, or marked as ours: an error case is named err-* (the shared corpus: NNN-err-*) and holds expected-error.txt,
    /// any other holds expected.yaml; only own cases may differ on purpose, and none does silently.
    /// </summary>
    [Test]
    public void Every_case_says_where_its_expectation_comes_from()
    {
        var problems = new List<string>();
        foreach (var testCase in ConformanceCase.All())
        {
            var errorName = System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(testCase.Directory), "^([0-9]+-)?err-");
            if ((testCase.ExpectedYaml is null) == (testCase.ExpectedError is null))
            {
                problems.Add($"{testCase.Name}: needs exactly one of expected.yaml and expected-error.txt");
            }

            if (errorName != testCase.IsError)
            {
                problems.Add($"{testCase.Name}: err-* cases, and only they, expect an error");
            }

            if (testCase.IntentionalDifference is not null && testCase.Source != "own")
            {
                problems.Add($"{testCase.Name}: a shared case cannot be an intentional difference");
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Case_matches_kustomize(ConformanceCase testCase)
    {
        var result = await Kustomizer.BuildAsync(testCase.BuildDirectory);
        if (testCase.IsError)
        {
            Assert.Multiple(() =>
            {
                Assert.That(result.Succeeded, Is.False, $"kustomize rejects this case with:\n{testCase.ExpectedError}\nbut we produced:\n{result.Yaml}");
                Assert.That(result.Yaml, Is.Null);
                Assert.That(result.Diagnostics, Has.Some.Matches<Diagnostic>(d => d.IsError && d.Code.StartsWith("TCR", StringComparison.Ordinal)));
            });
            TestContext.Out.WriteLine($"kustomize: {testCase.ExpectedError}");
            TestContext.Out.WriteLine($"ours:      {string.Join("\n", result.Diagnostics)}");
            return;
        }

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        var differences = ManifestComparison.TreeDifferences(testCase.ExpectedYaml!, result.Yaml!);
        Assert.That(differences, Is.Empty, $"Our output:\n{result.Yaml}");
    }

    [TestCaseSource(nameof(SuccessCases))]
    public async Task Case_orders_documents_like_kustomize(ConformanceCase testCase)
    {
        var result = await Kustomizer.BuildAsync(testCase.BuildDirectory);
        Assume.That(result.Succeeded, Is.True, "the build itself fails; see Case_matches_kustomize");
        Assert.That(ManifestComparison.Order(result.Yaml!), Is.EqualTo(ManifestComparison.Order(testCase.ExpectedYaml!)));
    }

    /// <summary>
    /// Byte equality with kubectl's output. Every case reached it, so a regression now fails the test; the rate is
    /// logged either way.
    /// </summary>
    [Test]
    public async Task Output_is_byte_equal_to_kubectl_kustomize()
    {
        var cases = ConformanceCase.All().Where(c => !c.IsError).ToList();
        var different = new List<string>();
        foreach (var testCase in cases)
        {
            var result = await Kustomizer.BuildAsync(testCase.BuildDirectory);
            if (result.Yaml != testCase.ExpectedYaml)
            {
                different.Add(testCase.Name);
            }
        }

        TestContext.Out.WriteLine($"byte-equal with kubectl kustomize: {cases.Count - different.Count}/{cases.Count}");
        Assert.That(cases.Select(c => c.Source).Distinct(), Is.EquivalentTo(ConformanceCase.MinimumCases.Keys), "a corpus is missing; see Sources_hold_their_cases");
        Assert.That(different, Is.Empty, "cases whose output differs from expected.yaml byte for byte");
    }
}
