using TalosCiliumRender.Core.Yaml;

namespace TalosCiliumRender.Core.Tests.Yaml;

public sealed class KubernetesNamesTests
{
    private static readonly string[] ReleaseNames =
    [
        "cilium", "a", "0", "cilium-1", "a.b", "a-b.c-d", new string('a', 53), new string('a', 54),
        "", "Cilium", "a_b", "-a", "a-", "a..b", ".a", "a.", "a b", "cilium\n", "ciliüm", "a.-b",
    ];

    [TestCase("cilium", true)]
    [TestCase("a.b-c.d", true)]
    [TestCase("Cilium", false)]
    [TestCase("a_b", false)]
    [TestCase("-a", false)]
    [TestCase("a..b", false)]
    [TestCase("cilium\n", false)]
    public void Release_names_follow_helms_rule(string name, bool valid) =>
        Assert.That(KubernetesNames.IsReleaseName(name), Is.EqualTo(valid));

    [Test]
    public void Release_names_are_at_most_53_characters() =>
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesNames.IsReleaseName(new string('a', 53)), Is.True);
            Assert.That(KubernetesNames.IsReleaseName(new string('a', 54)), Is.False);
        });

    /// <summary>helm itself is the oracle: every name is accepted or refused by both.</summary>
    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.HelmVersions))]
    public async Task Release_name_rule_agrees_with_helm_template(string helmVersion)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("chart/Chart.yaml", "apiVersion: v2\nname: tiny\nversion: 0.1.0\n");
        temp.WriteFile("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tiny\n");
        var disagreements = new List<string>();
        foreach (var name in ReleaseNames)
        {
            var run = await ChildProcess.RunAsync(TestPaths.Helm(helmVersion), ["template", name, temp.Combine("chart")], temp.Path);
            if ((run.ExitCode == 0) != KubernetesNames.IsReleaseName(name))
            {
                disagreements.Add($"'{name}': helm exit {run.ExitCode} {run.Error.Trim()}");
            }
        }

        Assert.That(disagreements, Is.Empty);
    }

    [TestCase("kube-system", true)]
    [TestCase("a", true)]
    [TestCase("a.b", false)]
    [TestCase("Kube-System", false)]
    [TestCase("kube_system", false)]
    [TestCase("-a", false)]
    [TestCase("", false)]
    public void Namespaces_are_DNS_1123_labels(string name, bool valid) =>
        Assert.That(KubernetesNames.IsDns1123Label(name), Is.EqualTo(valid));

    [Test]
    public void Namespaces_are_at_most_63_characters() =>
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesNames.IsDns1123Label(new string('a', 63)), Is.True);
            Assert.That(KubernetesNames.IsDns1123Label(new string('a', 64)), Is.False);
        });

    [TestCase("localhost", true)]
    [TestCase("api.cluster.example", true)]
    [TestCase("10.0.0.1", true)]
    [TestCase("::1", true)]
    [TestCase("fd00:10::1", true)]
    [TestCase("a..b", false)]
    [TestCase("LOCALHOST", false)]
    [TestCase("localhost:7445", false)]
    [TestCase("[::1]", false)]
    [TestCase("fe80::1%eth0", false)]
    [TestCase("https://localhost", false)]
    [TestCase("", false)]
    public void KubePrism_hosts_are_DNS_1123_subdomains_or_IP_addresses(string host, bool valid) =>
        Assert.That(KubernetesNames.IsHost(host), Is.EqualTo(valid));
}
