using System.Numerics;
using TalosCiliumRender.Core.Kustomize;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class KustomizeValueTests
{
    [TestCase("0440", "288")]
    [TestCase("0x1F", "31")]
    [TestCase("1_000", "1000")]
    [TestCase("1.0", "1")]
    [TestCase("1e3", "1000")]
    [TestCase("-0", "0")]
    public void Plain_numbers_decode_like_go_yaml_v3_then_json(string plain, string expected) =>
        Assert.That(KustomizeValue.From(new YamlScalarNode(plain) { Style = ScalarStyle.Plain }), Is.EqualTo(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [TestCase("yes", "yes")]
    [TestCase("on", "on")]
    [TestCase("2024-01-01", "2024-01-01T00:00:00Z")]
    [TestCase("2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.1-05:00")]
    [TestCase("2024-13-01", "2024-13-01")]
    public void Plain_strings_and_times_decode_like_go_yaml_v3(string plain, string expected) =>
        Assert.That(KustomizeValue.From(new YamlScalarNode(plain) { Style = ScalarStyle.Plain }), Is.EqualTo(expected));

    [Test]
    public void Quoted_scalars_stay_strings() =>
        Assert.That(KustomizeValue.From(new YamlScalarNode("0440") { Style = ScalarStyle.DoubleQuoted }), Is.EqualTo("0440"));

    [TestCase("true", true)]
    [TestCase("False", false)]
    public void Booleans_are_only_the_yaml_1_2_words(string plain, bool expected) =>
        Assert.That(KustomizeValue.From(new YamlScalarNode(plain) { Style = ScalarStyle.Plain }), Is.EqualTo(expected));
}
