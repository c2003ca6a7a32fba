using TalosCiliumRender.Core.Stability;

namespace TalosCiliumRender.Core.Tests.Stability;

public sealed class TemplateTaintAnalyzerTests
{
    private static ChartTemplateScan Scan(params (string Path, string Text)[] files) =>
        TemplateTaintAnalyzer.Analyze(files.ToDictionary(f => f.Path, f => f.Text));

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public async Task Cilium_charts_generate_only_certificates_and_only_in_their_TLS_templates(string chartVersion)
    {
        var templates = await ChartTemplateReader.ReadAsync(TestPaths.ChartArchive(chartVersion), "cilium", CancellationToken.None);
        var scan = TemplateTaintAnalyzer.Analyze(templates);
        TestContext.Out.WriteLine(string.Join('\n', scan.Generators.Select(g => $"{g.Key}: {string.Join(",", g.Value)}")));

        Assert.Multiple(() =>
        {
            Assert.That(templates.Keys, Has.Some.EqualTo("cilium/templates/cilium-agent/daemonset.yaml"));
            Assert.That(scan.Generators.Keys, Has.Member("cilium/templates/cilium-ca-secret.yaml"));
            Assert.That(scan.Generators.Keys, Has.Member("cilium/templates/hubble/tls-helm/server-secret.yaml"));
            Assert.That(scan.Generators.Keys, Has.Member("cilium/templates/hubble/tls-helm/relay-client-secret.yaml"));
            Assert.That(scan.Generators.Keys, Has.Member("cilium/templates/clustermesh-apiserver/tls-helm/server-secret.yaml"));
            Assert.That(scan.Generators.Keys, Has.All.Matches<string>(p => p.Contains("/tls-helm/", StringComparison.Ordinal) || p.EndsWith("/cilium-ca-secret.yaml", StringComparison.Ordinal)),
                "validateDuration's 'now' only validates: the config map and everything that includes it stay unflagged");
            Assert.That(scan.Generators.Values.SelectMany(g => g), Has.All.Matches<string>(TemplateFunctions.CertificateGenerators.Contains));
            Assert.That(scan.GeneratorsOf("cilium/templates/cilium-ca-secret.yaml"), Is.EquivalentTo(new[] { "genCA" }), "reached through include and the .commonCA field");
        });
    }

    [TestCase("value: {{ randAlphaNum 16 }}", "randAlphaNum")]
    [TestCase("{{- $p := randAlphaNum 16 }}\nvalue: {{ $p | b64enc }}", "randAlphaNum")]
    [TestCase("{{- $p := \"\" }}{{- $p = uuidv4 }}\nvalue: {{ $p }}", "uuidv4")]
    [TestCase("stamp: {{ now | date \"2006-01-02\" }}", "now")]
    [TestCase("{{- if eq (randInt 0 2) 0 }}\nvalue: a\n{{- end }}", "randInt")]
    [TestCase("{{- range $i, $v := list (randAlpha 3) }}\nitem: {{ $v }}\n{{- end }}", "randAlpha")]
    [TestCase("{{- with genPrivateKey \"rsa\" }}\nkey: {{ . | b64enc }}\n{{- end }}", "genPrivateKey")]
    public void A_generator_that_reaches_the_output_is_found(string template, string function)
    {
        var scan = Scan(("c/templates/x.yaml", template));
        Assert.That(scan.GeneratorsOf("c/templates/x.yaml"), Is.EquivalentTo(new[] { function }));
    }

    [TestCase("{{- $_ := now | mustDateModify \"1h\" }}\nvalue: fixed")]
    [TestCase("{{/* value: {{ randAlphaNum 5 }} */}}\nvalue: fixed")]
    [TestCase("value: {{ \"randAlphaNum\" }} {{ `uuidv4 }}` }}")]
    [TestCase("{{- if ne now (now | dateModify \"1h\") }}\nvalue: fixed\n{{- end }}")]
    [TestCase("{{- define \"unused\" }}{{ uuidv4 }}{{ end }}\nvalue: fixed")]
    public void A_generator_whose_result_reaches_no_output_is_not_flagged(string template)
    {
        var scan = Scan(("c/templates/x.yaml", template));
        Assert.That(scan.Generators, Is.Empty);
    }

    [Test]
    public void Taint_flows_through_named_templates_stored_fields_and_included_files()
    {
        var scan = Scan(
            ("c/templates/_helpers.tpl", """
                {{- define "c.setup" }}
                  {{- if not .shared }}
                    {{- $_ := set . "shared" (dict "token" (randAlphaNum 8)) -}}
                  {{- end }}
                {{- end }}
                {{- define "c.id" }}{{ uuidv4 }}{{ end }}
                {{- define "c.echo" }}{{ .value }}{{ end }}
                """),
            ("c/templates/a.yaml", "{{- $_ := include \"c.setup\" . -}}\ntoken: {{ .shared.token }}"),
            ("c/templates/b.yaml", "id: {{ include \"c.id\" . }}"),
            ("c/templates/c.yaml", "{{- $v := randNumeric 4 }}\nvalue: {{ include \"c.echo\" (dict \"value\" $v) }}"),
            ("c/templates/d.yaml", "checksum: {{ include (print $.Template.BasePath \"/b.yaml\") . | sha256sum }}"),
            ("c/templates/e.yaml", "checksum: {{ include (print $.Template.BasePath \"/f.yaml\") . | sha256sum }}"),
            ("c/templates/f.yaml", "value: fixed"));

        Assert.Multiple(() =>
        {
            Assert.That(scan.GeneratorsOf("c/templates/a.yaml"), Is.EquivalentTo(new[] { "randAlphaNum" }));
            Assert.That(scan.GeneratorsOf("c/templates/b.yaml"), Is.EquivalentTo(new[] { "uuidv4" }));
            Assert.That(scan.GeneratorsOf("c/templates/c.yaml"), Does.Contain("randNumeric"));
            Assert.That(scan.GeneratorsOf("c/templates/d.yaml"), Is.EquivalentTo(new[] { "uuidv4" }));
            Assert.That(scan.GeneratorsOf("c/templates/e.yaml"), Is.Empty);
            Assert.That(scan.GeneratorsOf("c/templates/f.yaml"), Is.Empty);
        });
    }

    [Test]
    public async Task Templates_are_read_from_chart_folders_with_subcharts_under_helms_source_paths()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        temp.WriteFile("chart/templates/a.yaml", "a: {{ uuidv4 }}");
        temp.WriteFile("chart/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
        temp.WriteFile("chart/charts/sub/templates/b.yaml", "b: 1");
        temp.WriteFile("chart/values.yaml", "x: 1");

        var templates = await ChartTemplateReader.ReadAsync(temp.Combine("chart"), "demo", CancellationToken.None);
        Assert.That(templates.Keys, Is.EquivalentTo(new[] { "demo/templates/a.yaml", "demo/charts/sub/templates/b.yaml" }));
    }
}
