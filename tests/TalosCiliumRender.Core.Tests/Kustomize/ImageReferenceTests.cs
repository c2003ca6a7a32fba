using TalosCiliumRender.Core.Kustomize;

namespace TalosCiliumRender.Core.Tests.Kustomize;

public sealed class ImageReferenceTests
{
    [TestCase("nginx", "nginx", "", "")]
    [TestCase("nginx:1.25", "nginx", "1.25", "")]
    [TestCase("nginx@sha256:abc", "nginx", "", "sha256:abc")]
    [TestCase("nginx:1.25@sha256:abc", "nginx", "1.25", "sha256:abc")]
    [TestCase("registry.local:5000/team/app", "registry.local:5000/team/app", "", "")]
    [TestCase("registry.local:5000/team/app:1.0", "registry.local:5000/team/app", "1.0", "")]
    [TestCase("quay.io/cilium/cilium:v1.18.1@sha256:65ab", "quay.io/cilium/cilium", "v1.18.1", "sha256:65ab")]
    public void Splits_like_kustomize(string image, string name, string tag, string digest) =>
        Assert.That(ImageReference.Split(image), Is.EqualTo((name, tag, digest)));

    [TestCase("nginx:1.0", null, "2.0", null, "nginx:2.0")]
    [TestCase("nginx:1.0@sha256:a", null, "2.0", null, "nginx:2.0")]
    [TestCase("nginx:1.0", null, null, "sha256:b", "nginx@sha256:b")]
    [TestCase("nginx:1.0", "mirror/nginx", null, null, "mirror/nginx:1.0")]
    [TestCase("nginx", "mirror/nginx", "2", "sha256:c", "mirror/nginx:2@sha256:c")]
    public void Rewrites_like_kustomize(string image, string? newName, string? newTag, string? digest, string expected) =>
        Assert.That(ImageReference.Rewrite(image, new ImageEntry("nginx", newName, newTag, digest, default)), Is.EqualTo(expected));
}
