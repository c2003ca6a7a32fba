using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class ObjectIdentityTests
{
    private static ObjectIdentity Read(string yaml) => ObjectIdentity.From(YamlReader.ReadDocuments(yaml, "r.yaml")[0]);

    [Test]
    public void From_reads_apiVersion_kind_and_metadata()
    {
        var id = Read("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\n");

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(new ObjectIdentity("apps/v1", "DaemonSet", "kube-system", "cilium")));
            Assert.That(id.Group, Is.EqualTo("apps"));
            Assert.That(id.Version, Is.EqualTo("v1"));
        });
    }

    [TestCase("kind: Secret\n", "document without apiVersion or metadata")]
    [TestCase("apiVersion: ~\nkind: null\nmetadata:\n  name:\n  namespace: [a]\n", "null and non-scalar parts")]
    [TestCase("metadata: text\n", "metadata that is not a mapping")]
    public void Missing_parts_are_null(string yaml, string what)
    {
        var id = Read(yaml);

        Assert.Multiple(() =>
        {
            Assert.That(id.ApiVersion, Is.Null, what);
            Assert.That(id.Namespace, Is.Null, what);
            Assert.That(id.Name, Is.Null, what);
            Assert.That(id.Group, Is.Empty, what);
            Assert.That(id.Version, Is.Empty, what);
        });
    }

    [Test]
    public void A_document_that_is_not_a_mapping_has_no_identity()
    {
        Assert.That(Read("- a\n- b\n"), Is.EqualTo(default(ObjectIdentity)));
    }

    [Test]
    public void Quoted_values_are_text()
    {
        Assert.That(Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'null'\n").Name, Is.EqualTo("null"));
    }

    // kyaml's resid.ParseGroupVersion splits at the first slash; `kubectl kustomize` targets `a/b/c` by group `a`,
    // version `b/c` (own case k182).
    [TestCase("apps/v1", "apps", "v1")]
    [TestCase("v1", "", "v1")]
    [TestCase("", "", "")]
    [TestCase(null, "", "")]
    [TestCase("a/b/c", "a", "b/c")]
    [TestCase("/v1", "", "v1")]
    [TestCase("apps/", "apps", "")]
    public void SplitApiVersion_splits_at_the_first_slash(string? apiVersion, string group, string version)
    {
        Assert.That(ObjectIdentity.SplitApiVersion(apiVersion), Is.EqualTo((group, version)));
    }

    [Test]
    public void Every_module_splits_apiVersion_alike()
    {
        var id = new ObjectIdentity("a/b/c", "Thing", null, "x");
        var resourceId = ResourceId.Of(id);
        var gvk = GroupVersionKind.From(id);

        Assert.Multiple(() =>
        {
            Assert.That((resourceId.Group, resourceId.Version), Is.EqualTo((id.Group, id.Version)));
            Assert.That((gvk.Group, gvk.Version), Is.EqualTo((id.Group, id.Version)));
            Assert.That(resourceId.ApiVersion, Is.EqualTo("a/b/c"));
        });
    }

    [TestCase("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\n  namespace: kube-system\n", "Secret kube-system/ca")]
    [TestCase("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cilium\n", "Namespace cilium")]
    [TestCase("apiVersion: v1\n", "? ?")]
    public void Describe_names_the_object_as_people_read_it(string yaml, string expected)
    {
        Assert.That(Read(yaml).Describe(), Is.EqualTo(expected));
    }
}
