using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class GoYamlDialectTests
{
    [Test]
    public void Keys_sort_in_go_yaml_v2_natural_order()
    {
        var keys = new List<string> { "aB", "a10", "a9", "a_b", "a.b", "a-b", "Z", "1", "b" };
        keys.Sort(GoYamlKeyOrder.Compare);
        Assert.That(keys, Is.EqualTo(new[] { "1", "Z", "a-b", "a.b", "a_b", "a9", "a10", "aB", "b" }));
    }

    [TestCase(0.5, "0.5")]
    [TestCase(123456.5, "123456.5")]
    [TestCase(1234567.5, "1.2345675e+06")]
    [TestCase(1e-7, "1e-07")]
    [TestCase(1e-6, "1e-06")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1.5e30, "1.5e+30")]
    [TestCase(-2.25, "-2.25")]
    public void Floats_print_like_strconv_g(double value, string expected) =>
        Assert.That(GoFloat.Format(value), Is.EqualTo(expected));

    [TestCase("true", true)]
    [TestCase("on", true)]
    [TestCase("y", true)]
    [TestCase("0755", true)]
    [TestCase("0x1F", true)]
    [TestCase("1e3", true)]
    [TestCase("12:30", true)]
    [TestCase("2024-01-01", true)]
    [TestCase("", true)]
    [TestCase("~", true)]
    [TestCase("1.4.2", false)]
    [TestCase("v1", false)]
    [TestCase(".", false)]
    [TestCase("+", false)]
    public void Ambiguous_strings_are_detected_like_go_yaml_v2(string value, bool quoted) =>
        Assert.That(GoYamlDialect.V2ResolvesToNonString(value), Is.EqualTo(quoted));

    [Test]
    public void The_cheap_null_check_agrees_with_full_resolution()
    {
        // IsNull skips Resolve's regular expressions on hot paths; it must never answer differently.
        string[] texts = ["", "~", "null", "Null", "NULL", "nULL", "none", "0", "false", "cilium", "0x1F", ".nan", "1e3"];
        string?[] tags = [null, "tag:yaml.org,2002:null", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "!custom"];
        ScalarStyle[] styles = [ScalarStyle.Plain, ScalarStyle.Any, ScalarStyle.SingleQuoted, ScalarStyle.DoubleQuoted, ScalarStyle.Literal];
        foreach (var text in texts)
        {
            foreach (var tag in tags)
            {
                foreach (var style in styles)
                {
                    var scalar = new YamlScalarNode(text) { Style = style };
                    if (tag is not null)
                    {
                        scalar.Tag = new TagName(tag);
                    }

                    Assert.That(GoYamlDialect.IsNull(scalar), Is.EqualTo(GoYamlDialect.Resolve(scalar) == GoYamlDialect.Kind.Null), $"'{text}' {tag} {style}");
                }
            }
        }
    }
}
