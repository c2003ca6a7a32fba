using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Values;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Values;

public sealed class SetValueParserTests
{
    [TestCase("a=b", "a: b\n")]
    [TestCase("a.b.c=1", "a:\n  b:\n    c: 1\n")]
    [TestCase("a=true,b=FALSE,c=null", "a: true\nb: false\nc: null\n")]
    [TestCase("port=7445", "port: 7445\n")]
    [TestCase("zero=0", "zero: 0\n")]
    [TestCase("octal=0755", "octal: \"0755\"\n")]
    [TestCase("word=on", "word: \"on\"\n")]
    [TestCase("float=1.5", "float: \"1.5\"\n")]
    [TestCase("caps={CHOWN,KILL}", "caps:\n- CHOWN\n- KILL\n")]
    [TestCase("empty={}", "empty: []\n")]
    [TestCase(@"nodeSelector.kubernetes\.io/os=linux", "nodeSelector:\n  kubernetes.io/os: linux\n")]
    [TestCase(@"a=x\,y", "a: x,y\n")]
    [TestCase("list[1]=b", "list:\n- null\n- b\n")]
    [TestCase("list[0].name=x", "list:\n- name: x\n")]
    [TestCase("host=", "host: \"\"\n")]
    [TestCase("url=http://a:1/b?c=d", "url: http://a:1/b?c=d\n")]
    public void Parses_like_helm_set(string expression, string expectedYaml)
    {
        Assert.That(YamlWriter.WriteNode(SetValueParser.Parse(expression)), Is.EqualTo(expectedYaml));
    }

    [TestCase("novalue")]
    [TestCase("=x")]
    [TestCase("a[x]=1")]
    [TestCase("[0]=1")]
    public void Rejects_malformed_expressions(string expression)
    {
        var error = Assert.Throws<DiagnosticException>(() => SetValueParser.Parse(expression))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.InvalidOption.Code));
    }
}
