using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Values;

/// <summary>
/// The values file each expression becomes. What helm makes of the same expressions is checked against helm itself
/// in <see cref="SetValueParserHelmTests"/>; these pin the written form and the codes.
/// </summary>
public sealed class SetValueParserTests
{
    [TestCase("a=b", "a: b\n")]
    [TestCase("a.b.c=1", "a:\n  b:\n    c: 1\n")]
    [TestCase("a=true,b=FALSE,c=null,d=Null", "a: true\nb: false\nc: null\nd: null\n")]
    [TestCase("port=7445,plus=+1,minus=-0", "port: 7445\nplus: 1\nminus: 0\n")]
    [TestCase("octal=0755,hex=0x10,exp=1e3,float=1.5,under=1_000", "octal: \"0755\"\nhex: \"0x10\"\nexp: \"1e3\"\nfloat: \"1.5\"\nunder: \"1_000\"\n")]
    [TestCase("word=on,upperHex=0X1F,goInt=-_1", "word: \"on\"\nupperHex: \"0X1F\"\ngoInt: \"-_1\"\n")]
    [TestCase("caps={CHOWN,KILL}", "caps:\n- CHOWN\n- KILL\n")]
    [TestCase("empty={}", "empty:\n- \"\"\n")]
    [TestCase(@"nodeSelector.kubernetes\.io/os=linux", "nodeSelector:\n  kubernetes.io/os: linux\n")]
    [TestCase(@"a=x\,y,b=x\y", "a: x,y\nb: xy\n")]
    [TestCase("list[1]=b", "list:\n- null\n- b\n")]
    [TestCase("list[0].name=x", "list:\n- name: x\n")]
    [TestCase("host=", "host: \"\"\n")]
    [TestCase("url=http://a:1/b?c=d", "url: http://a:1/b?c=d\n")]
    [TestCase("a=1,", "a: 1\n")]
    [TestCase("noval[0]", "noval: []\n")]
    [TestCase("a={x}b=2", "a:\n- x\nb: 2\n")]
    [TestCase("tab=\tx", "tab: \"\tx\"\n")]
    public void Writes_what_helm_set_means(string expression, string expectedYaml)
    {
        Assert.That(YamlWriter.WriteNode(SetValueParser.Parse(expression)), Is.EqualTo(expectedYaml));
    }

    [TestCase("y=1", "\"y\": 1\n")]
    [TestCase("on.off=2", "\"on\":\n  \"off\": 2\n")]
    [TestCase("true=1,null=2,~=3,1=4", "\"true\": 1\n\"null\": 2\n\"~\": 3\n\"1\": 4\n")]
    public void Keys_a_YAML_1_1_reader_would_take_for_another_type_are_quoted(string expression, string expectedYaml)
    {
        Assert.That(YamlWriter.WriteNode(SetValueParser.Parse(expression)), Is.EqualTo(expectedYaml));
    }

    [TestCase("")]
    [TestCase("=x")]
    [TestCase("[0]=1")]
    [TestCase("a.")]
    [TestCase(@"\")]
    public void Expressions_helm_accepts_without_setting_anything_set_nothing(string expression)
    {
        Assert.That(SetValueParser.Parse(expression).Children, Is.Empty);
    }

    [TestCase("novalue")]
    [TestCase("a[x]=1")]
    [TestCase("a..b=1")]
    [TestCase("a.=1")]
    [TestCase("a[1]b=1")]
    [TestCase("a={x,y")]
    [TestCase("name1={1021,902")]
    [TestCase("illegal[0]name.foo=bar")]
    [TestCase("a=1,,b=2")]
    [TestCase("a[65537]=1")]
    [TestCase("a[-1]=1")]
    [TestCase("a=1,a.b=2")]
    [TestCase("a=null,a[0]=1")]
    [TestCase("a[0", Description = "helm 4 ignores a cut-off index, helm 3 refuses it; so do we")]
    [TestCase("n1.n2.n3.n4.n5.n6.n7.n8.n9.n10.n11.n12.n13.n14.n15.n16.n17.n18.n19.n20.n21.n22.n23.n24.n25.n26.n27.n28.n29.n30.n31.n32=v")]
    public void Expressions_helm_rejects_are_TCR0020(string expression)
    {
        var error = Assert.Throws<DiagnosticException>(() => SetValueParser.Parse(expression))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.SetExpressionInvalid.Code));
            Assert.That(error.Diagnostic.Message, Does.Contain($"'{expression}'"));
        });
    }

    [Test]
    public void Nested_indexes_deeper_than_a_values_file_may_nest_are_TCR0020_not_a_crash()
    {
        // 30,000 nested indexes overflowed the stack; 1,000 is the depth a values file may have (YamlLimits).
        Assert.That(SetValueParser.Parse("a" + string.Concat(Enumerable.Repeat("[0]", 999)) + "=1").Children, Has.Count.EqualTo(1));
        var error = Assert.Throws<DiagnosticException>(() => SetValueParser.Parse("a" + string.Concat(Enumerable.Repeat("[0]", 30_000)) + "=1"))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.SetExpressionInvalid.Code));
    }

    [TestCase("x=9007199254740993")]
    [TestCase("x={1,-9223372036854775808}")]
    public void Integers_a_values_file_cannot_carry_are_TCR0021(string expression)
    {
        var error = Assert.Throws<DiagnosticException>(() => SetValueParser.Parse(expression))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.SetIntegerNotExact.Code));
    }

    [Test]
    public void Integers_up_to_2_pow_53_and_beyond_int64_are_accepted()
    {
        Assert.That(
            YamlWriter.WriteNode(SetValueParser.Parse("a=9007199254740992,b=-9007199254740992,c=9223372036854775808")),
            Is.EqualTo("a: 9007199254740992\nb: -9007199254740992\nc: \"9223372036854775808\"\n"));
    }

    [Test]
    public void An_index_changes_one_item_of_a_list_below_it_as_helm_does_over_its_values_files()
    {
        var values = new YamlMappingNode { { "list", new YamlSequenceNode(ScalarFactory.String("a"), ScalarFactory.String("b"), ScalarFactory.String("c")) } };
        SetValueParser.ParseInto("list[1]=x", values);
        Assert.That(YamlWriter.WriteNode(values), Is.EqualTo("list:\n- a\n- x\n- c\n"));
    }

    [Test]
    public void A_map_key_over_a_value_below_it_is_TCR0020_as_in_helm()
    {
        var values = new YamlMappingNode { { "k8sServiceHost", ScalarFactory.String("localhost") } };
        var error = Assert.Throws<DiagnosticException>(() => SetValueParser.ParseInto("k8sServiceHost.x=1", values))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.SetExpressionInvalid.Code));
    }
}
