using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class LegacyOrderTests
{
    private static ResourceId Id(string apiVersion, string kind, string ns, string name) =>
        ResourceId.Of(new ObjectIdentity(apiVersion, kind, ns, name));

    [Test]
    public void Known_kinds_first_unknown_in_the_middle_webhooks_last()
    {
        var ids = new[]
        {
            Id("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "", "v"),
            Id("cilium.io/v2", "CiliumNetworkPolicy", "a", "p"),
            Id("apps/v1", "DaemonSet", "kube-system", "cilium"),
            Id("apps/v1", "Deployment", "kube-system", "op"),
            Id("v1", "Service", "kube-system", "s"),
            Id("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "", "m"),
            Id("v1", "Namespace", "", "n"),
            Id("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "c"),
        };

        var sorted = ids.OrderBy(i => i, LegacyOrder.Instance).Select(i => i.Kind);

        Assert.That(sorted, Is.EqualTo(new[]
        {
            "Namespace", "CustomResourceDefinition", "Service", "Deployment", "DaemonSet", "CiliumNetworkPolicy",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        }));
    }

    [Test]
    public void Same_kind_sorts_by_namespace_then_name_with_no_namespace_last()
    {
        var ids = new[] { Id("v1", "ConfigMap", "b", "zeta"), Id("v1", "ConfigMap", "", "aaa"), Id("v1", "ConfigMap", "a", "mid"), Id("v1", "ConfigMap", "a", "alpha") };

        var sorted = ids.OrderBy(i => i, LegacyOrder.Instance).Select(i => $"{i.Namespace}/{i.Name}");

        Assert.That(sorted, Is.EqualTo(new[] { "a/alpha", "a/mid", "b/zeta", "/aaa" }));
    }
}
