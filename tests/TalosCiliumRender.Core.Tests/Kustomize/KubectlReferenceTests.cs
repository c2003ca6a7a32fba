using System.Diagnostics;
using System.Globalization;
using System.Text;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Kustomize;

/// <summary>
/// The engine against the reference tool itself, run here: random JSON 6902 operations on real Cilium objects
/// (from a helm render of the 1.18.1 chart) compared with <c>kubectl kustomize</c> — acceptance, and output bytes
/// when accepted — and every own conformance case re-checked against kubectl, so no expectation there can drift
/// from kustomize. kubectl runs two at a time (the machine has two cores), one folder per process.
/// </summary>
public sealed class KubectlReferenceTests
{
    /// <summary>Fixed, so a failure reproduces; the count keeps the test at a few seconds per core.</summary>
    private const int Seed = 20261205;

    private const int CaseCount = 96;

    private static readonly (string Kind, string Name)[] Targets =
    [
        ("ConfigMap", "cilium-config"),
        ("DaemonSet", "cilium"),
        ("Deployment", "cilium-operator"),
        ("ClusterRole", "cilium"),
        ("Service", "hubble-peer"),
    ];

    private RealRenders _renders = null!;
    private string _kubectl = null!;

    [OneTimeSetUp]
    public async Task FindKubectl()
    {
        _renders = new RealRenders();
        _kubectl = Kubectl.Locate();
        await Kubectl.AssertVersionAsync(_kubectl);
    }

    [OneTimeTearDown]
    public void DisposeRenders() => _renders.Dispose();

    [Test]
    public async Task Random_json6902_operations_on_cilium_objects_match_kubectl_kustomize()
    {
        var render = await _renders.RenderAsync(_renders.Request("1.18.1"));
        var objects = Objects(render.Manifest!);
        using var work = new TempDirectory();
        var random = new Random(Seed);
        var cases = Enumerable.Range(0, CaseCount).Select(i => WriteCase(work.Combine($"case{i:D3}"), objects[random.Next(objects.Count)], random)).ToList();

        var clock = Stopwatch.StartNew();
        var kubectl = new CliRun[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
            kubectl[i] = await Kubectl.KustomizeAsync(_kubectl, cases[i].Directory));
        var kubectlTime = clock.Elapsed;

        clock.Restart();
        var differences = new List<string>();
        var accepted = 0;
        var known = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = await Kustomizer.BuildAsync(cases[i].Directory);
            var theirs = kubectl[i];
            accepted += theirs.ExitCode == 0 ? 1 : 0;
            if (ours.Succeeded && theirs.Error.Contains("updating name reference in", StringComparison.Ordinal))
            {
                // The one intentional difference a JSON patch reaches: own case k168-json6902-string-among-projected-sources.
                known++;
            }
            else if (ours.Succeeded != (theirs.ExitCode == 0))
            {
                differences.Add($"{cases[i].Describe}\n  kubectl: {(theirs.ExitCode == 0 ? "accepts" : "rejects: " + FirstLine(theirs.Error))}\n  ours:    {(ours.Succeeded ? "accepts" : "rejects: " + string.Join("; ", ours.Diagnostics))}");
            }
            else if (ours.Succeeded && ours.Yaml != theirs.Output)
            {
                differences.Add($"{cases[i].Describe}\n  output differs:\n{FirstDifference(theirs.Output, ours.Yaml!)}");
            }
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} cases (seed {Seed}), {accepted} accepted by kubectl, {known} known difference(s); kubectl {kubectlTime.TotalSeconds:F1} s (2 at a time), engine {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.InRange(CaseCount / 5, CaseCount * 4 / 5), "the generator should give both accepted and rejected patches");
            Assert.That(differences, Is.Empty, "cases where the engine and kubectl kustomize differ; fix the engine and keep each as an own conformance case");
        });
    }

    /// <summary>Every own case that is not marked as an intentional difference holds exactly what kubectl gives today.</summary>
    [Test]
    public async Task Own_case_expectations_are_kubectl_output()
    {
        var cases = ConformanceCase.All().Where(c => c.Source == "own" && c.IntentionalDifference is null).ToList();
        var problems = new List<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (testCase, _) =>
        {
            var run = await Kubectl.KustomizeAsync(_kubectl, testCase.BuildDirectory);
            var problem = (run.ExitCode == 0, testCase.IsError) switch
            {
                (true, true) => "kubectl builds it, but it expects an error",
                (false, false) => $"kubectl rejects it: {FirstLine(run.Error)}",
                (true, false) when run.Output != testCase.ExpectedYaml => "expected.yaml is not kubectl's output",
                _ => null,
            };
            if (problem is not null)
            {
                lock (problems)
                {
                    problems.Add($"{testCase.Name}: {problem}");
                }
            }
        });

        Assert.That(cases, Has.Count.GreaterThan(90));
        Assert.That(problems, Is.Empty, "run build/update-kustomize-cases.sh, or mark the case with intentional-difference.md");
    }

    private static List<YamlMappingNode> Objects(string manifest)
    {
        var documents = YamlReader.ReadDocuments(manifest, "render.yaml");
        var found = new List<YamlMappingNode>();
        foreach (var (kind, name) in Targets)
        {
            var document = ManifestComparison.Find(documents, kind, name);
            Assert.That(document, Is.Not.Null, $"the 1.18.1 render has no {kind}/{name}");

            // A key holding '~' and '/', so escaped pointers have something to find.
            var copy = YamlNodes.DeepClone(document!);
            var metadata = (YamlMappingNode)copy.Get("metadata")!;
            if (metadata.Get("annotations") is not YamlMappingNode annotations)
            {
                annotations = new YamlMappingNode();
                metadata.Children[new YamlScalarNode("annotations")] = annotations;
            }

            annotations.Add(ScalarFactory.String("tcr.example/t~x"), ScalarFactory.String("kept"));
            found.Add(copy);
        }

        return found;
    }

    private static GeneratedCase WriteCase(string directory, YamlMappingNode resource, Random random)
    {
        Directory.CreateDirectory(directory);
        var locations = new List<(string Pointer, YamlNode Node)>();
        Collect(resource, string.Empty, locations, depth: 0);

        var operations = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Operation(random, locations)).ToList();
        var patch = random.Next(2) == 0
            ? "[\n" + string.Join(",\n", operations) + "\n]\n"
            : string.Concat(operations.Select(o => "- " + o + "\n"));
        var (_, kind, _, name) = ObjectIdentity.From(resource);
        File.WriteAllText(Path.Combine(directory, "res.yaml"), YamlWriter.WriteNode(resource));
        File.WriteAllText(Path.Combine(directory, "patch.yaml"), patch);
        File.WriteAllText(Path.Combine(directory, "kustomization.yaml"), $"resources:\n- res.yaml\npatches:\n- path: patch.yaml\n  target:\n    kind: {kind}\n    name: {name}\n");
        return new GeneratedCase(directory, $"{Path.GetFileName(directory)} on {kind}/{name}:\n{patch.TrimEnd()}");
    }

    private static void Collect(YamlNode node, string pointer, List<(string Pointer, YamlNode Node)> locations, int depth)
    {
        locations.Add((pointer, node));
        if (depth > 8)
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    Collect(value, pointer + "/" + Escape(((YamlScalarNode)key).Value ?? string.Empty), locations, depth + 1);
                }

                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    Collect(list.Children[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), locations, depth + 1);
                }

                break;
        }
    }

    private static string Operation(Random random, List<(string Pointer, YamlNode Node)> locations)
    {
        var op = Pick(random, "add", "add", "replace", "replace", "remove", "move", "copy", "test", "test");
        var (path, current) = Location(random, locations);
        var json = new StringBuilder("{\"op\": \"").Append(op).Append("\", ");
        if (op is "move" or "copy")
        {
            json.Append("\"from\": ").Append(Json(Location(random, locations).Pointer)).Append(", ");
        }

        json.Append("\"path\": ").Append(Json(path));
        if (op is "add" or "replace" or "test")
        {
            var value = op == "test" && current is not null && random.Next(3) > 0 ? JsonValue(current) : RandomValue(random);
            json.Append(", \"value\": ").Append(value);
        }

        return json.Append('}').ToString();
    }

    /// <summary>A pointer: mostly one that exists, else a missing key or parent, a list index at or past the edges, an odd escape.</summary>
    private static (string Pointer, YamlNode? Node) Location(Random random, List<(string Pointer, YamlNode Node)> locations)
    {
        var (pointer, node) = locations[random.Next(1, locations.Count)];
        var maps = locations.Where(l => l.Node is YamlMappingNode).ToList();
        var lists = locations.Where(l => l.Node is YamlSequenceNode { Children.Count: > 0 }).ToList();
        switch (random.Next(20))
        {
            case < 9:
                return (pointer, node);
            case < 12:
                return (maps[random.Next(maps.Count)].Pointer + "/tcr-missing", null);
            case < 13:
                return (maps[random.Next(maps.Count)].Pointer + "/tcr-missing/x", null);
            case < 17 when lists.Count > 0:
                var list = lists[random.Next(lists.Count)];
                var count = ((YamlSequenceNode)list.Node).Children.Count;
                var token = Pick(random, "0", (count - 1).ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), (count + 1).ToString(CultureInfo.InvariantCulture), "-1", (-count).ToString(CultureInfo.InvariantCulture), (-count - 1).ToString(CultureInfo.InvariantCulture), "-", "01", "+1", "x");
                return (list.Pointer + "/" + token, null);
            case < 18:
                return (pointer.Length > 1 ? pointer[1..] : pointer, null);
            case < 19:
                return (pointer + "~2", null);
            default:
                return (pointer.Replace("~1", "/", StringComparison.Ordinal), null);
        }
    }

    private static string RandomValue(Random random) =>
        Pick(random, "\"tcr\"", "\"true\"", "7", "true", "null", "{\"k\": \"v\"}", "[\"a\", 1]", "\"\"", "{}");

    /// <summary>A node as JSON: quoted scalars and plain text that is no number, boolean or null are strings.</summary>
    private static string JsonValue(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(", ", map.Children.Select(p => Json(((YamlScalarNode)p.Key).Value ?? string.Empty) + ": " + JsonValue(p.Value))) + "}",
        YamlSequenceNode list => "[" + string.Join(", ", list.Children.Select(JsonValue)) + "]",
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when GoYamlDialect.IsNull(scalar) => "null",
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } v } when v is "true" or "false" || long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => v,
        YamlScalarNode scalar => Json(scalar.Value ?? string.Empty),
        _ => "null",
    };

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Length > 0) ?? string.Empty;

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        return $"    line {i + 1}: kubectl '{(i < e.Length ? e[i] : "<end>")}', ours '{(i < a.Length ? a[i] : "<end>")}'";
    }

    private sealed record GeneratedCase(string Directory, string Describe);
}
