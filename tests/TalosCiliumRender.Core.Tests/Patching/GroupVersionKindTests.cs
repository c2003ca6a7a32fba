using TalosCiliumRender.Core.Patching;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Patching;

public sealed class GroupVersionKindTests
{
    [TestCase("apps/v1", "Deployment", "apps", "v1")]
    [TestCase("v1", "Service", "", "v1")]
    [TestCase("rbac.authorization.k8s.io/v1", "ClusterRole", "rbac.authorization.k8s.io", "v1")]
    [TestCase(null, "Thing", "", "")]
    [TestCase("a/b/c", "Thing", "a", "b/c")]
    public void From_splits_apiVersion(string? apiVersion, string kind, string group, string version)
    {
        Assert.That(GroupVersionKind.From(apiVersion, kind), Is.EqualTo(new GroupVersionKind(group, version, kind)));
    }

    [Test]
    public void From_reads_a_resource()
    {
        var resource = (YamlMappingNode)YamlReader.ReadDocuments("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n", "r.yaml")[0].Root;

        Assert.That(GroupVersionKind.From(resource), Is.EqualTo(new GroupVersionKind("cilium.io", "v2", "CiliumNetworkPolicy")));
    }

    [Test]
    public void ApiVersion_round_trips()
    {
        Assert.That(new GroupVersionKind(string.Empty, "v1", "Pod").ApiVersion, Is.EqualTo("v1"));
        Assert.That(new GroupVersionKind("apps", "v1", "Deployment").ApiVersion, Is.EqualTo("apps/v1"));
        Assert.That(GroupVersionKind.From("a/b/c", "Thing").ApiVersion, Is.EqualTo("a/b/c"));
    }
}
