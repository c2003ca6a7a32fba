using TalosCiliumRender.Core.ChartValues;

namespace TalosCiliumRender.Core.Tests.ChartValues;

public sealed class TemplateValueReadsTests
{
    private static (string[] Reads, string[] FreeForm) Analyze(params string[] templates)
    {
        var (reads, free) = TemplateValueReads.Analyze(templates.Select((t, i) => new KeyValuePair<string, string>($"c/templates/t{i}.yaml", t)));
        return (reads.Select(p => p.Replace('\n', '.')).Order(StringComparer.Ordinal).ToArray(), free.Select(p => p.Replace('\n', '.')).Order(StringComparer.Ordinal).ToArray());
    }

    [TestCase("{{ .Values.a.b }}", "a.b")]
    [TestCase("{{ $.Values.a.b }}", "a.b")]
    [TestCase("{{- with .Values.a }}{{ .b.c }}{{ end }}", "a.b.c")]
    [TestCase("{{- $x := .Values.a }}{{ $x.b }}", "a.b")]
    [TestCase("{{ index .Values.a \"b-c\" \"d\" }}", "a.b-c.d")]
    [TestCase("{{ get .Values.a \"b\" }}", "a.b")]
    [TestCase("{{ if hasKey .Values.a \"b\" }}x{{ end }}", "a.b")]
    [TestCase("{{ dig \"b\" \"c\" \"\" .Values.a }}", "a.b.c")]
    [TestCase("{{ dig \"b\" \"c\" \"\" .Values.AsMap }}", "b.c")]
    [TestCase("{{ (.Values.a | default dict).b }}", "a.b")]
    [TestCase("{{ coalesce .Values.a .Values.z | quote }}", "z")]
    [TestCase("{{- range $c := tuple .Values.a .Values.z }}{{ $c.enabled }}{{ end }}", "z.enabled")]
    [TestCase("{{- define \"h\" }}{{ .b }}{{ end }}{{ include \"h\" .Values.a }}", "a.b")]
    [TestCase("{{- define \"h\" }}{{ .root.Values.a.b }}{{ end }}{{ include \"h\" (dict \"root\" $) }}", "a.b")]
    [TestCase("{{- define \"h\" }}{{ (index . 0).Values.a.b }}{{ end }}{{ include \"h\" (list $ 1) }}", "a.b")]
    [TestCase("{{- define \"never-called\" }}{{ .Values.a.b }}{{ end }}", "a.b")]
    [TestCase("{{ if .Values.old }}{{ .Values.a.b }}{{ end }}", "old")]
    public void A_read_is_followed_to_its_key(string template, string expected)
    {
        Assert.That(Analyze(template).Reads, Has.Member(expected));
    }

    [TestCase("{{ toYaml .Values.a.sel | nindent 2 }}", "a.sel")]
    [TestCase("{{- with .Values.a.sel }}{{ toYaml . }}{{ end }}", "a.sel")]
    [TestCase("{{- range $k, $v := .Values.a.cfg }}{{ $k }}: {{ $v }}{{ end }}", "a.cfg")]
    [TestCase("{{ index .Values.a.cfg $key }}", "a.cfg")]
    [TestCase("{{ keys .Values.a.m | sortAlpha | join \",\" }}", "a.m")]
    [TestCase("{{- define \"h\" }}{{ toJson . }}{{ end }}{{ include \"h\" .Values.a.m }}", "a.m")]
    [TestCase("{{ include (print \"x\" .Values.n) .Values.a.m }}", "a.m")]
    [TestCase("{{ someUnknownFunction .Values.a.m }}", "a.m")]
    [TestCase("{{- $_ := set $d \"k\" .Values.a.m }}", "a.m")]
    public void A_sub_tree_the_analysis_cannot_follow_is_free_form(string template, string expected)
    {
        Assert.That(Analyze(template).FreeForm, Has.Member(expected));
    }

    [TestCase("{{ .Values.a | quote }}")]
    [TestCase("{{ if eq .Values.a \"x\" }}y{{ end }}")]
    [TestCase("{{ include (print $.Template.BasePath \"/x.yaml\") . | sha256sum }}")]
    [TestCase("{{ tpl .Values.a . }}")]
    public void A_value_used_as_a_whole_leaves_the_keys_below_it_checked(string template)
    {
        Assert.That(Analyze(template).FreeForm, Is.Empty);
    }

    [Test]
    public void A_key_read_only_to_refuse_it_is_not_a_read()
    {
        var (reads, _) = Analyze(
            "{{- if hasKey .Values \"tunnel\" }}\n{{- fail \"tunnel was removed, use routingMode\" }}\n{{- end }}\n"
            + "{{- if (dig \"legacy\" \"mode\" \"\" .Values.AsMap) }}{{ fail \"legacy.mode was removed\" }}{{ end }}"
            + "{{- if .Values.compat.flag }}compat: true{{ end }}");
        Assert.Multiple(() =>
        {
            Assert.That(reads, Has.No.Member("tunnel"));
            Assert.That(reads, Has.No.Member("legacy.mode"));
            Assert.That(reads, Has.Member("compat.flag"), "a deprecated key still read for compatibility is a read");
        });
    }

    [Test]
    public void Recursion_and_deep_chains_end()
    {
        var deep = "{{ .Values." + string.Join('.', Enumerable.Range(0, 200).Select(i => "k" + i)) + " }}";
        var recursive = "{{- define \"r\" }}{{ include \"r\" .next }}{{ .leaf }}{{ end }}{{ include \"r\" .Values.tree }}";
        var (reads, free) = Analyze(deep, recursive);
        Assert.Multiple(() =>
        {
            Assert.That(reads, Has.Member("tree.leaf"));
            Assert.That(reads.Max(r => r.Count(c => c == '.')), Is.LessThan(64));
            Assert.That(free, Is.Not.Empty, "what is deeper than the bound is free-form");
        });
    }

    [Test]
    public void Parentheses_nested_deeper_than_any_template_make_everything_free_form_without_exhausting_the_stack()
    {
        var hostile = "{{ " + new string('(', 200_000) + ".Values.a" + new string(')', 200_000) + " }}";
        Assert.That(Analyze(hostile).FreeForm, Has.Member(string.Empty));
    }

    [Test]
    public void Text_that_is_not_a_template_never_fails()
    {
        Assert.That(() => Analyze("{{", "}}", "{{ ( ( ( }}", "{{ .Values. }}", "{{ $ := }}", "{{ end }}{{ else }}{{ end }}", new string('{', 10000)), Throws.Nothing);
    }
}
