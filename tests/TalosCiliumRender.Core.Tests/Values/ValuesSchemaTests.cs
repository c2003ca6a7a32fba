using System.Text;
using TalosCiliumRender.Core.Values;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Values;

/// <summary>
/// The values type checker: silent on every chart's own values, exact (path, line, column) on wrong types, and in
/// agreement with real helm 3 and 4, whose schema validation is the reference.
/// </summary>
public sealed class ValuesSchemaTests
{
    private const string Cilium = "1.18.1";

    private static readonly Dictionary<string, ValuesSchema> Schemas = TestPaths.ChartVersions.ToDictionary(
        v => v,
        v => ValuesSchema.TryParse(ChartFiles.Read(TestPaths.ChartArchive(v), "values.schema.json"))
            ?? throw new InvalidOperationException($"cilium {v}'s schema did not parse"));

    /// <summary>Reads values text the way a render does (keys as helm reads them, positions kept).</summary>
    private static async Task<YamlMappingNode> LoadAsync(string yaml)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("values.yaml", yaml);
        return await ValuesFileLoader.LoadAsync("values.yaml", new RenderEnvironment(_ => null, temp.Path, TimeProvider.System), CancellationToken.None);
    }

    private static async Task<IReadOnlyList<ValueTypeMismatch>> CheckAsync(string yaml, string version = Cilium) =>
        Schemas[version].Check(await LoadAsync(yaml));

    private static IReadOnlyList<ValueTypeMismatch> CheckWith(string schema, YamlMappingNode values) =>
        (ValuesSchema.TryParse(schema) ?? throw new AssertionException("the schema did not parse")).Check(values);

    private static YamlMappingNode Yaml(string text) =>
        Core.Yaml.YamlReader.ReadSingleMapping(text, "test.yaml", "Values file");

    private static string Describe(IEnumerable<ValueTypeMismatch> mismatches) =>
        string.Join("; ", mismatches.Select(m => $"{string.Join('.', m.Path)}@{m.Node.Start.Line}:{m.Node.Start.Column} wants {m.Expected}, is {m.Actual}"));

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task A_charts_own_values_have_no_mismatches_against_its_schema(string version)
    {
        var values = await LoadAsync(ChartFiles.Read(TestPaths.ChartArchive(version), "values.yaml"));
        Assert.That(values.Children, Has.Count.GreaterThan(100));
        Assert.That(Describe(Schemas[version].Check(values)), Is.Empty);
    }

    [Test]
    public async Task A_quoted_string_for_a_boolean_is_reported_at_its_position()
    {
        var found = await CheckAsync("hubble:\n  relay:\n    enabled: \"yes\"\n");
        Assert.That(found, Has.Count.EqualTo(1), Describe(found));
        Assert.Multiple(() =>
        {
            Assert.That(found[0].Path, Is.EqualTo(new[] { "hubble", "relay", "enabled" }));
            Assert.That(found[0].Node.Start.Line, Is.EqualTo(3));
            Assert.That(found[0].Node.Start.Column, Is.EqualTo(14));
            Assert.That(found[0].Expected, Is.EqualTo("boolean"));
            Assert.That(found[0].Actual, Is.EqualTo("a string (\"yes\")"));
        });
    }

    [Test]
    public async Task A_word_for_an_integer_and_a_fraction_for_an_integer_are_reported()
    {
        var found = await CheckAsync("debug:\n  enabled: true\noperator: {replicas: two}\nMTU: 1.5\n");
        Assert.That(Describe(found), Is.EqualTo(
            "operator.replicas@3:22 wants integer, is a string (\"two\"); MTU@4:6 wants integer, is a number (1.5)"));
    }

    [Test]
    public async Task A_list_for_kubeProxyReplacement_is_reported_where_the_schema_types_it()
    {
        // 1.19 added kubeProxyReplacement to the schema as string or boolean; 1.18 does not know the key.
        Assert.That(Describe(await CheckAsync("kubeProxyReplacement: [1]\n", "1.19.6")),
            Is.EqualTo("kubeProxyReplacement@1:23 wants string or boolean, is a list"));
        Assert.That(await CheckAsync("kubeProxyReplacement: [1]\n", "1.18.1"), Is.Empty);
    }

    [Test]
    public async Task A_wrong_type_inside_a_list_item_names_the_index()
    {
        var found = await CheckAsync("tolerations:\n- operator: Exists\n- operator: 1\n  key: k\n");
        Assert.That(Describe(found), Is.EqualTo("tolerations.[1].operator@3:13 wants string, is an integer (1)"));
    }

    [Test]
    public async Task A_map_where_a_string_belongs_and_a_string_where_a_map_belongs_are_reported()
    {
        var found = await CheckAsync("k8sServiceHost: {a: 1}\nhubble: enabled\n");
        Assert.That(Describe(found), Is.EqualTo(
            "k8sServiceHost@1:17 wants string, is a map; hubble@2:9 wants object, is a string (\"enabled\")"));
    }

    [Test]
    public async Task An_enum_in_a_oneOf_with_null_reports_both_alternatives()
    {
        var found = await CheckAsync("envoy:\n  log:\n    defaultLevel: verbose\n");
        Assert.That(Describe(found), Is.EqualTo(
            "envoy.log.defaultLevel@3:19 wants null or one of \"trace\", \"debug\", \"info\", \"warning\", \"error\", \"critical\", \"off\", is a string (\"verbose\")"));
        Assert.That(await CheckAsync("envoy:\n  log:\n    defaultLevel: info\n"), Is.Empty);
    }

    [TestCase("k8sServicePort: 7445\n")]
    [TestCase("k8sServicePort: \"7445\"\n")]
    [TestCase("hubble: {relay: {enabled: yes}}\n")]
    [TestCase("hubble: {relay: {enabled: on}}\n")]
    [TestCase("hubble: {relay: {enabled: True}}\n")]
    [TestCase("hubble: {relay: {enabled: !!bool true}}\n")]
    [TestCase("hubble: null\noperator: {replicas: ~}\nk8sServiceHost: null\ntolerations: [null]\n")]
    [TestCase("MTU: 1.0\n")]
    [TestCase("MTU: 1e3\n")]
    [TestCase("MTU: 0x10\n")]
    [TestCase("MTU: 1_500\n")]
    [TestCase("MTU: !!float 1500\n")]
    [TestCase("operator: {replicas: 99999999999999999999999}\n")]
    [TestCase("k8sServiceHost: 2024-01-01\n")]
    [TestCase("k8sServiceHost: !!str 10\n")]
    [TestCase("hubble: {}\ntolerations: []\n")]
    [TestCase("notInTheSchema: [1, {a: b}]\nhubble: {notInTheSchema: 1}\n")]
    [TestCase("MTU: .inf\n")]
    [TestCase("k8sServiceHost: 1e400\nMTU: 1e-400\n")]
    [TestCase("MTU: !custom 12\n")]
    public async Task Right_types_in_tricky_forms_are_accepted(string yaml)
    {
        Assert.That(Describe(await CheckAsync(yaml)), Is.Empty);
    }

    [TestCase("operator.replicas=3", "")]
    [TestCase("hubble.relay.enabled=TRUE", "")]
    [TestCase("k8sServicePort=7445", "")]
    [TestCase("hubble.relay.enabled=null", "")]
    [TestCase("image.tag=1", "image.tag wants string, is an integer (1)")]
    [TestCase("hubble.relay.enabled=yes", "hubble.relay.enabled wants boolean, is a string (\"yes\")")]
    [TestCase("MTU=1.0", "MTU wants integer, is a string (\"1.0\")")]
    [TestCase("tolerations={a,1}", "")]
    public void Set_values_are_typed_as_helm_types_them(string expression, string expected)
    {
        var found = Schemas[Cilium].Check(SetValueParser.Parse(expression));
        Assert.That(string.Join("; ", found.Select(m => $"{string.Join('.', m.Path)} wants {m.Expected}, is {m.Actual}")), Is.EqualTo(expected));
    }

    /// <summary>
    /// helm decides: for each case, helm 3.17 and 4.1 fail with their schema error exactly when we report. The
    /// cases cover quoted and YAML 1.1 booleans, integral and fractional floats, a list item and <c>--set</c> typing.
    /// </summary>
    [Test]
    public async Task Real_helm_rejects_exactly_what_is_reported()
    {
        (string Yaml, string[] Set, bool Rejected)[] cases =
        [
            ("hubble:\n  relay:\n    enabled: \"yes\"\n", [], true),
            ("operator:\n  replicas: two\n", [], true),
            ("MTU: 1.5\n", [], true),
            ("tolerations:\n- operator: 1\n", [], true),
            ("{}\n", ["image.tag=1"], true),
            ("hubble: enabled\n", [], true),
            ("k8sServicePort: \"7445\"\nhubble:\n  relay:\n    enabled: on\n", [], false),
            ("MTU: 1.0\noperator:\n  replicas: ~\nk8sServiceHost: 1e400\n", [], false),
            ("kubeProxyReplacement: [1]\n", [], false),
            ("{}\n", ["operator.replicas=3", "hubble.relay.enabled=TRUE"], false),
        ];

        using var temp = new TempDirectory();
        var archive = TestPaths.ChartArchive(Cilium);
        var runs = new List<Task<string>>();
        for (var i = 0; i < cases.Length; i++)
        {
            var (yaml, set, rejected) = cases[i];
            var file = temp.WriteFile($"values{i}.yaml", yaml);
            var values = await LoadAsync(yaml);
            foreach (var expression in set)
            {
                SetValueParser.ParseInto(expression, values);
            }

            var ours = Schemas[Cilium].Check(values);
            Assert.That(ours.Count > 0, Is.EqualTo(rejected), $"case {i}: {Describe(ours)}");
            foreach (var version in TestPaths.HelmVersions)
            {
                var arguments = new List<string> { "template", "cilium", archive, "--namespace", "kube-system", "-f", file };
                arguments.AddRange(set.SelectMany(s => new[] { "--set", s }));
                var index = i;
                runs.Add(Task.Run(async () =>
                {
                    var run = await ReferenceHelm.TryRunAsync(TestPaths.Helm(version), arguments);
                    var helmRejected = run.ExitCode != 0 && run.Error.Contains("values don't meet the specifications of the schema", StringComparison.Ordinal);
                    return helmRejected == rejected ? string.Empty : $"case {index} ({version}): helm {(helmRejected ? "rejects" : "accepts")}, we {(rejected ? "report" : "do not")}: {run.Error}";
                }));
            }
        }

        var disagreements = (await Task.WhenAll(runs)).Where(d => d.Length > 0).ToArray();
        Assert.That(disagreements, Is.Empty);
    }

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("42")]
    [TestCase("\"type\"")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("{")]
    [TestCase("{\"type\": \"object\",}")]
    [TestCase("not json at all")]
    [TestCase("{\"a\": 1} {\"b\": 2}")]
    public void Text_that_is_not_a_schema_object_gives_no_schema(string json)
    {
        Assert.That(ValuesSchema.TryParse(json), Is.Null);
    }

    [Test]
    public void Ten_thousand_levels_of_nesting_give_no_schema()
    {
        var depth = 10_000;
        var objects = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            objects.Append("{\"properties\":{\"a\":");
        }

        objects.Append("{}").Append('}', depth * 2);
        Assert.That(ValuesSchema.TryParse(objects.ToString()), Is.Null);
        Assert.That(ValuesSchema.TryParse("{\"enum\":" + new string('[', depth) + new string(']', depth) + "}"), Is.Null);
    }

    [Test]
    public void A_huge_schema_text_gives_no_schema()
    {
        Assert.That(ValuesSchema.TryParse("{\"description\":\"" + new string('x', 17 * 1024 * 1024) + "\"}"), Is.Null);
    }

    [TestCase("{\"$ref\": \"#\"}")]
    [TestCase("{\"definitions\": {\"a\": {\"$ref\": \"#/definitions/b\"}, \"b\": {\"$ref\": \"#/definitions/a\"}}, \"properties\": {\"a\": {\"$ref\": \"#/definitions/a\"}}}")]
    [TestCase("{\"allOf\": [{\"$ref\": \"#\"}], \"anyOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}], \"oneOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}]}")]
    [TestCase("{\"anyOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}], \"properties\": {\"a\": {\"anyOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}]}}, \"additionalProperties\": {\"$ref\": \"#\"}}")]
    public void Reference_loops_end_without_a_finding(string schema)
    {
        // Deep values under a schema that refers to itself at every level and at every branch.
        var values = new YamlMappingNode();
        var map = values;
        for (var i = 0; i < 1000; i++)
        {
            var inner = new YamlMappingNode();
            map.Add("a", inner);
            map.Add("b", new YamlSequenceNode(new YamlScalarNode("1"), new YamlMappingNode()));
            map = inner;
        }

        var parsed = ValuesSchema.TryParse(schema);
        Assert.That(parsed, Is.Not.Null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(parsed!.Check(values), Is.Empty);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_self_referring_object_schema_still_reports_a_scalar_where_it_wants_a_map()
    {
        var found = CheckWith(
            "{\"type\": \"object\", \"allOf\": [{\"$ref\": \"#\"}], \"properties\": {\"a\": {\"$ref\": \"#\"}}}",
            Yaml("a:\n  a:\n    a: 1\n"));
        Assert.That(Describe(found), Is.EqualTo("a.a.a@3:8 wants object, is an integer (1)"));
    }

    [TestCase("{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"x\": {\"$ref\": \"#/definitions/s\"}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"$defs\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"x\": {\"$ref\": \"#/$defs/s\"}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"definitions\": {\"a/b\": {\"type\": \"string\"}}, \"properties\": {\"x\": {\"$ref\": \"#/definitions/a~1b\"}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"$ref\": \"#/definitions/missing\"}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"$ref\": \"other.json#/definitions/s\"}}}", "")]
    [TestCase("{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"x\": {\"$ref\": \"#/definitions/s\", \"type\": \"boolean\"}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"definitions\": {\"s\": {\"type\": \"integer\"}}, \"properties\": {\"x\": {\"$ref\": \"#/definitions/s\", \"type\": \"string\"}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"$id\": \"http://e/x\", \"definitions\": {\"s\": {\"type\": \"string\"}}, \"$ref\": \"#/definitions/s\"}}}", "")]
    [TestCase("{\"additionalProperties\": {\"type\": \"string\"}, \"properties\": {\"y\": {\"type\": \"integer\"}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"additionalProperties\": {\"type\": \"string\"}, \"patternProperties\": {\"^x\": {\"type\": \"integer\"}}}", "")]
    [TestCase("{\"additionalProperties\": false}", "")]
    [TestCase("{\"properties\": {\"x\": false}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"type\": \"any\"}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"type\": [\"string\", \"null\"]}}}", "x@1:4 wants string or null, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"type\": [\"string\", \"boolean\", \"null\"]}}}", "x@1:4 wants string, boolean or null, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"type\": \"number\"}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"type\": \"string\", \"not\": {\"type\": \"integer\"}}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"if\": {\"type\": \"integer\"}, \"then\": {\"type\": \"string\"}}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}]}}}", "x@1:4 wants string or boolean, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"anyOf\": [{\"type\": \"string\"}, {\"not\": {}}]}}}", "")]
    [TestCase("{\"properties\": {\"x\": {\"allOf\": [{\"type\": [\"integer\", \"string\"]}, {\"type\": \"string\"}]}}}", "x@1:4 wants string, is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"enum\": [\"a\", \"b\"]}}}", "x@1:4 wants one of \"a\", \"b\", is an integer (1)")]
    [TestCase("{\"properties\": {\"x\": {\"enum\": [\"a\", 1]}}}", "")]
    public void Schema_keywords_are_read_only_as_far_as_they_certainly_reject(string schema, string expected)
    {
        Assert.That(Describe(CheckWith(schema, Yaml("x: 1\n"))), Is.EqualTo(expected));
    }

    [TestCase("{\"properties\": {\"l\": {\"items\": {\"type\": \"string\"}}}}", "l.[1]@1:8 wants string, is a boolean (yes)")]
    [TestCase("{\"properties\": {\"l\": {\"items\": [{\"type\": \"string\"}, {\"type\": \"string\"}]}}}", "")]
    [TestCase("{\"properties\": {\"l\": {\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"string\"}}}}", "")]
    [TestCase("{\"properties\": {\"l\": {\"items\": {\"anyOf\": [{\"properties\": {\"k\": {\"type\": \"string\"}}}]}}}}", "")]
    [TestCase("{\"properties\": {\"m\": {\"anyOf\": [{\"type\": \"string\"}, {\"properties\": {\"k\": {\"type\": \"string\"}}}]}}}", "m.k@2:8 wants string, is an integer (3)")]
    public void Lists_and_alternatives_report_the_place_inside(string schema, string expected)
    {
        Assert.That(Describe(CheckWith(schema, Yaml("l: [a, yes, ~]\nm: {k: 3}\n"))), Is.EqualTo(expected));
    }

    [Test]
    public void Keys_are_named_as_helm_names_them()
    {
        // A merge key brings what helm merges (not checked); a plain "on" key is the key "true" to helm.
        var schema = "{\"properties\": {\"true\": {\"type\": \"string\"}, \"<<\": {\"type\": \"string\"}}}";
        Assert.That(Describe(CheckWith(schema, Yaml("on: 1\n<<: {a: 1}\n"))), Is.EqualTo("true@1:5 wants string, is an integer (1)"));
    }

    [Test]
    public void Many_findings_and_a_node_in_two_places_are_each_reported_once_per_place()
    {
        var schema = "{\"properties\": {\"l\": {\"items\": {\"type\": \"string\"}}, \"a\": {\"allOf\": [{\"type\": \"string\"}, {\"type\": \"string\"}]}, \"b\": {\"type\": \"string\"}}}";
        var shared = new YamlScalarNode("1");
        var values = new YamlMappingNode { { "l", new YamlSequenceNode(Enumerable.Range(0, 50_000).Select(i => (YamlNode)new YamlScalarNode("1"))) }, { "a", shared }, { "b", shared } };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found = CheckWith(schema, values);
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(found, Has.Count.EqualTo(50_002));
            Assert.That(found.TakeLast(2).Select(f => string.Join('.', f.Path)), Is.EqualTo(new[] { "a", "b" }));
        });
    }
}
