using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using TalosCiliumRender.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Values;

/// <summary>
/// helm is the oracle for <c>--set</c>: each expression goes through <c>helm template --set EXPR</c> of a chart that
/// prints <c>.Values</c> as JSON, and through our parser, whose tree is written with <see cref="YamlWriter"/> and read
/// back by the same helm with <c>-f</c>, the way a render hands values to helm. Acceptance and the values (as JSON)
/// must agree. The one documented difference: integers beyond 2^53, which helm's values file reader turns into
/// floats, are TCR0021 here.
/// </summary>
/// <remarks>
/// helm's <c>pkg/strvals</c> parser is the same in 3.17.3 and 4.1.4 (only error wrapping differs), so helm 3 judges
/// every expression and helm 4 every fourth; both read every values file. The <c>-f</c> side is one helm run per
/// version (each expression's values under a key of its own); the <c>--set</c> runs go in parallel.
/// </remarks>
[NonParallelizable]
public sealed class SetValueParserHelmTests
{
    /// <summary>Values below the generated expressions, so they also meet helm's <c>ParseInto</c> over existing values.</summary>
    private const string BaseValues = "a:\n  x: 1\nlist: [1, 2, {k: v}]\ns: str\non: 1\n\"1\": one\nn: null\n";

    private static string ExpressionsFile => Path.Combine(TestPaths.RepositoryRoot, "tests", "TalosCiliumRender.Core.Tests", "Values", "Data", "HelmSetExpressions.json");

    [Test]
    public async Task Helms_own_parser_test_inputs_and_edge_cases_mean_what_they_mean_in_helm()
    {
        // The inputs of helm's TestParseSet, TestParseInto and TestParseSetNestedLevels (pkg/strvals/parser_test.go),
        // then edge cases of typing, escaping, indexes and YAML 1.1 keys and strings.
        var expressions = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(ExpressionsFile))!;
        Assert.That(expressions, Has.Length.GreaterThan(150));
        await CompareWithHelmAsync(expressions, baseValues: null);
    }

    [Test]
    public async Task Generated_expressions_over_existing_values_mean_what_they_mean_in_helm()
    {
        await CompareWithHelmAsync(Generate(new Random(20250911), 120), BaseValues);
    }

    private static async Task CompareWithHelmAsync(IReadOnlyList<string> expressions, string? baseValues)
    {
        var clock = Stopwatch.StartNew();
        using var temp = new TempDirectory();
        temp.WriteFile("chart/Chart.yaml", "apiVersion: v2\nname: values-json\nversion: 0.1.0\n");
        temp.WriteFile("chart/templates/values.yaml", "# {{ .Values | toJson | b64enc }}\n");
        var chart = temp.Combine("chart");
        var baseArguments = new List<string>();
        YamlMappingNode? loadedBase = null;
        if (baseValues is not null)
        {
            temp.WriteFile("base.yaml", baseValues);
            baseArguments.AddRange(["-f", temp.Combine("base.yaml")]);
            loadedBase = await ValuesFileLoader.LoadAsync("base.yaml", new RenderEnvironment(_ => null, temp.Path, TimeProvider.System), CancellationToken.None);
        }

        // Ours: the tree, or the code we refuse it with.
        var ours = expressions.Select(expression =>
        {
            try
            {
                var tree = loadedBase is null ? new YamlMappingNode() : YamlNodes.DeepClone(loadedBase);
                SetValueParser.ParseInto(expression, tree);
                return (Tree: tree, Code: (string?)null);
            }
            catch (DiagnosticException e)
            {
                return (Tree: (YamlMappingNode?)null, Code: e.Diagnostic.Code);
            }
        }).ToArray();

        // helm's --set.
        var oracle = new JsonNode?[expressions.Count];
        var oracleAccepted = new bool[expressions.Count];
        var helm4Disagrees = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, expressions.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var run = await ReferenceHelm.TryRunAsync(TestPaths.Helm(TestPaths.Helm3Version), ["template", "r", chart, .. baseArguments, "--set", expressions[i]]);
            oracleAccepted[i] = run.ExitCode == 0;

            // helm 4 ends a list index cut off by the end (a[0) silently, as the end of the expression; helm 3 refuses
            // it, and so do we: there is nothing meant by it.
            var helm4MayDiffer = run.Error.Contains("error parsing index: EOF", StringComparison.Ordinal);
            oracle[i] = run.ExitCode == 0 ? ValuesJson(run.Output) : null;
            if (i % 4 == 0 && !helm4MayDiffer)
            {
                var helm4 = await ReferenceHelm.TryRunAsync(TestPaths.Helm(TestPaths.Helm4Version), ["template", "r", chart, .. baseArguments, "--set", expressions[i]]);
                if ((helm4.ExitCode == 0) != oracleAccepted[i] || (helm4.ExitCode == 0 && !JsonNode.DeepEquals(ValuesJson(helm4.Output), oracle[i])))
                {
                    lock (helm4Disagrees)
                    {
                        helm4Disagrees.Add(expressions[i]);
                    }
                }
            }
        });

        // helm's -f, of the values file we write: every accepted expression's tree under a key of its own.
        var batch = new YamlMappingNode();
        for (var i = 0; i < ours.Length; i++)
        {
            if (ours[i].Tree is { } tree)
            {
                batch.Add(new YamlScalarNode($"e{i}"), tree);
            }
        }

        temp.WriteFile("ours.yaml", YamlWriter.WriteNode(batch));
        var read = new Dictionary<string, JsonObject>();
        foreach (var version in TestPaths.HelmVersions)
        {
            var run = await ReferenceHelm.TryRunAsync(TestPaths.Helm(version), ["template", "r", chart, "-f", temp.Combine("ours.yaml")]);
            Assert.That(run.ExitCode, Is.Zero, $"helm {version} could not read the values file we wrote: {run.Error}");
            read[version] = (JsonObject)ValuesJson(run.Output)!;
        }

        var mismatches = new List<string>();
        for (var i = 0; i < expressions.Count; i++)
        {
            var shown = JsonSerializer.Serialize(expressions[i]);
            if (ours[i].Code is { } code)
            {
                var expected = oracleAccepted[i] ? DiagnosticCatalog.SetIntegerNotExact.Code : DiagnosticCatalog.SetExpressionInvalid.Code;
                if (code != expected)
                {
                    mismatches.Add($"{shown}: helm {(oracleAccepted[i] ? "accepts it as " + oracle[i]!.ToJsonString() : "rejects it")}, we refuse it with {code}");
                }

                continue;
            }

            if (!oracleAccepted[i])
            {
                mismatches.Add($"{shown}: helm rejects it, we accept it as {YamlWriter.WriteNode(ours[i].Tree!)}");
                continue;
            }

            foreach (var (version, values) in read)
            {
                var ourValues = values[$"e{i}"];
                if (!JsonNode.DeepEquals(ourValues, oracle[i]))
                {
                    mismatches.Add($"{shown}: helm --set gives {oracle[i]!.ToJsonString()}, helm {version} -f of our file gives {ourValues?.ToJsonString()}");
                }
            }
        }

        TestContext.Out.WriteLine($"{expressions.Count} expressions, {oracleAccepted.Count(a => a)} accepted by helm, compared in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches));
            Assert.That(helm4Disagrees, Is.Empty, "helm 4 and helm 3 disagree on --set; judge with both");
        });
    }

    /// <summary>The JSON the chart prints, in base64 so no character of a value can break helm's own output.</summary>
    private static JsonNode? ValuesJson(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("# ", StringComparison.Ordinal) && !l.StartsWith("# Source:", StringComparison.Ordinal));
        return JsonNode.Parse(Convert.FromBase64String(line[2..]));
    }

    /// <summary>Expressions built from the parts helm's parser and YAML 1.1 treat specially.</summary>
    private static List<string> Generate(Random random, int count)
    {
        string[] names = ["a", "b", "x", "list", "s", "n", "on", "y", "Yes", "true", "1", "0x1", "~", "null", "é", "x y", "a\\.b", "k\\,", "", "b"];
        string[] values =
        [
            "", "1", "+1", "-5", "0", "00", "0x10", "0X1F", "1e3", "1.5", "1_0", "true", "FALSE", "Null", "yes", "on", "off", "~", "y",
            "a b", "x\\,y", "{a,b}", "{}", "{1,+2,null}", "{on}", "9007199254740992", "#c", ": x", "- x", "2001-12-14", "0o7", "12:30",
            "'q'", "\"q\"", "é", "a=b", "\\{x}", "x\\", "<<", "=", "-_1", "1e1_0",
        ];
        var expressions = new List<string>();
        for (var e = 0; e < count; e++)
        {
            var pairs = new List<string>();
            for (var p = random.Next(1, 4); p > 0; p--)
            {
                var key = new StringBuilder(Pick(names));
                for (var depth = random.Next(0, 4); depth > 0; depth--)
                {
                    key.Append(random.Next(20) switch
                    {
                        < 11 => "." + Pick(names),
                        < 18 => $"[{random.Next(0, 3)}]",
                        18 => $"[{Pick(["-1", "+1", "x", "", "65537", "007"])}]",
                        _ => Pick(["..", ".", "[0]x", "["]),
                    });
                }

                pairs.Add(random.Next(20) == 0 ? key.ToString() : key + "=" + Pick(values));
            }

            expressions.Add(string.Join(",", pairs) + (random.Next(8) == 0 ? "," : string.Empty));
        }

        return expressions;

        string Pick(string[] from) => from[random.Next(from.Length)];
    }
}
