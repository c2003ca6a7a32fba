using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Core.Tests.Helm;

public sealed class HelmTemplateArgumentsTests
{
    [Test]
    public void Argument_list_is_exact_with_every_api_version_as_its_own_flag()
    {
        var arguments = new HelmTemplateArguments("cilium", "/charts/cilium-1.18.1.tgz", "kube-system", "a: 1\n", "1.33.0",
            ["gateway.networking.k8s.io/v1/GatewayClass", "monitoring.coreos.com/v1"]);

        Assert.That(arguments.ToArgumentList("/tmp/values.yaml"), Is.EqualTo(new[]
        {
            "template", "cilium", "/charts/cilium-1.18.1.tgz",
            "--namespace", "kube-system",
            "--values", "/tmp/values.yaml",
            "--kube-version", "1.33.0",
            "--api-versions", "gateway.networking.k8s.io/v1/GatewayClass",
            "--api-versions", "monitoring.coreos.com/v1",
        }));
    }

    [Test]
    public void Argument_values_with_spaces_stay_single_arguments()
    {
        var arguments = new HelmTemplateArguments("cilium", "/my charts/cilium.tgz", "kube-system", "a: 1\n", "1.33.0", []);

        Assert.That(arguments.ToArgumentList("/tmp/my values.yaml"), Has.Member("/my charts/cilium.tgz").And.Member("/tmp/my values.yaml").And.Count.EqualTo(9));
    }
}
