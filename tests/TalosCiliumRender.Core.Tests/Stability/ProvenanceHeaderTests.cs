using TalosCiliumRender.Core.Stability;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Stability;

public sealed class ProvenanceHeaderTests
{
    private static readonly ProvenanceHeader Header = new(
        "1.2.3", "cilium", "1.18.1", "sha256:aa", "sha256:bb", "cilium", "kube-system", "1.35.0", []);

    [Test]
    public void The_header_is_comment_lines_naming_each_input()
    {
        Assert.That(Header.Text(), Is.EqualTo("""
            # Rendered by talos-cilium 1.2.3 (TalosCiliumRender). Do not edit: change the inputs and render again.
            # chart: cilium 1.18.1 sha256:aa
            # values: sha256:bb (effective values, canonical form)
            # release: cilium, namespace kube-system, kube-version 1.35.0

            """.Replace("\r", string.Empty, StringComparison.Ordinal)));
    }

    [Test]
    public void The_header_changes_with_every_input_and_with_nothing_else()
    {
        var variants = new[]
        {
            Header with { ToolVersion = "1.2.4" },
            Header with { ChartVersion = "1.19.6" },
            Header with { ChartDigest = "sha256:cc" },
            Header with { ValuesDigest = "sha256:dd" },
            Header with { Release = "other" },
            Header with { Namespace = "cilium" },
            Header with { KubeVersion = "1.34.0" },
            Header with { ApiVersions = ["gateway.networking.k8s.io/v1/GatewayClass"] },
        };

        Assert.Multiple(() =>
        {
            Assert.That(variants.Select(v => v.Text()).Append(Header.Text()), Is.Unique);
            Assert.That((Header with { ApiVersions = ["b/v1", "a/v1"] }).Text(), Is.EqualTo((Header with { ApiVersions = ["a/v1", "b/v1"] }).Text()), "a set, not a list");
            Assert.That(new ProvenanceHeader("1.2.3", "cilium", "1.18.1", "sha256:aa", "sha256:bb", "cilium", "kube-system", "1.35.0", []).Text(), Is.EqualTo(Header.Text()));
            Assert.That(ProvenanceHeader.CurrentToolVersion, Does.Not.Contain("+"), "no commit hash: it would change without a release");
        });
    }

    [Test]
    public void The_values_digest_ignores_key_order_quoting_and_comments_but_not_meaning()
    {
        static string Digest(string yaml) => CanonicalValues.Digest(YamlReader.ReadSingleMapping(yaml, "values.yaml", "values"));

        var digest = Digest("a: 1\nb:\n  c: true\n  d: [x, y]\n");
        Assert.Multiple(() =>
        {
            Assert.That(Digest("b:\n  d: [x, y]   # comment\n  c: True\na: 0x1\n"), Is.EqualTo(digest));
            Assert.That(Digest("b: {c: true, d: ['x', \"y\"]}\na: 1\n"), Is.EqualTo(digest));
            Assert.That(Digest("a: 1\nb:\n  c: true\n  d: [y, x]\n"), Is.Not.EqualTo(digest), "list order is meaning");
            Assert.That(Digest("a: '1'\nb:\n  c: true\n  d: [x, y]\n"), Is.Not.EqualTo(digest), "a string is not a number");
            Assert.That(Digest("a: 1\nb:\n  c: true\n  d: [x, y]\n  e: null\n"), Is.Not.EqualTo(digest), "a null deletes a chart default");
            Assert.That(digest, Does.Match("^sha256:[0-9a-f]{64}$"));
        });
    }
}
