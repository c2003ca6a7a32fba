using System.Text;
using TalosCiliumRender.Core.ChartValues;

namespace TalosCiliumRender.Core.Tests.ChartValues;

public sealed class CommentedValueKeysTests
{
    private static string[] Keys(string yaml) => CommentedValueKeys.Find(yaml).Select(path => string.Join('.', path)).ToArray();

    [Test]
    public void A_commented_key_at_the_top_level_is_found()
    {
        const string yaml = """
            forceDeviceDetection: false
            # -- Specify which network interfaces can run the eBPF datapath.
            # devices: ""

            # -- Chains to ignore when installing feeder rules.
            # disableIptablesFeederRules: ""
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "devices", "disableIptablesFeederRules" }));
    }

    [Test]
    public void Commented_keys_inside_a_mapping_take_its_path()
    {
        const string yaml = """
            azure:
              # -- Enable Azure integration.
              enabled: false
              # usePrimaryAddress: false
              # resourceGroup: group1
            alibabacloud:
              enabled: false
            l2announcements:
              # -- If a lease is not renewed for X duration, the current leader is considered dead
              # leaseDuration: 15s
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "azure.usePrimaryAddress", "azure.resourceGroup", "l2announcements.leaseDuration" }));
    }

    [Test]
    public void A_commented_nested_block_gives_the_key_and_its_children()
    {
        const string yaml = """
            hubble:
              relay:
                enabled: false
                # foo:
                #   bar: 1
                #   baz:
                #     qux: true
                # other: x
            # top: 1
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[]
        {
            "hubble.relay.foo", "hubble.relay.foo.bar", "hubble.relay.foo.baz", "hubble.relay.foo.baz.qux", "hubble.relay.other", "top",
        }));
    }

    [Test]
    public void A_comment_written_at_the_column_of_the_keys_in_a_mapping_nests_one_level_deeper_when_indented_after_the_hash()
    {
        // "#   key" with the hash at column 0 sits under the key above at column 0, as Cilium's extraHostPathMounts
        // and extraConfig examples are written.
        const string yaml = """
            extraConfig: {}
            #  my-config-a: "1234"
            ipam:
              operator:
                autoCreateCiliumPodIPPools: {}
                #   default:
                #     ipv4:
                #       maskSize: 24
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[]
        {
            "extraConfig.my-config-a",
            "ipam.operator.autoCreateCiliumPodIPPools.default",
            "ipam.operator.autoCreateCiliumPodIPPools.default.ipv4",
            "ipam.operator.autoCreateCiliumPodIPPools.default.ipv4.maskSize",
        }));
    }

    [Test]
    public void A_column_zero_comment_inside_a_mapping_does_not_close_the_real_keys_below_it()
    {
        const string yaml = """
            hubble:
              relay:
            # top: 1
                enabled: true
                # nested: 2
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "top", "hubble.relay.nested" }));
    }

    [Test]
    public void Nothing_inside_a_block_scalar_is_a_key()
    {
        const string yaml = """
            script: |
              #!/bin/sh
              # notAKey: 1
              echo hi
            folded: >-
              # alsoNot: 2

              # stillNot: 3
            # afterwards: 4
            list:
              - |
                # inItem: 5
            extraConfig: {}
            #  my-config-b: |-
            #    text: 6
            #    more: 7
            #  my-config-c: "8"
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "afterwards", "extraConfig.my-config-b", "extraConfig.my-config-c" }));
    }

    [Test]
    public void A_hash_in_a_multi_line_quoted_scalar_is_text()
    {
        const string yaml = """
            message: "first line
              # notAKey: 1
              last line"
            # key: 2
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "key" }));
    }

    [Test]
    public void Keys_under_list_items_are_skipped()
    {
        const string yaml = """
            extraHostPathMounts: []
            # - name: host-mnt-data
            #   mountPath: /host/mnt/data
            #   readOnly: true
            tolerations:
              - operator: Exists
                # effect: NoSchedule
            rateLimits:
            - nodes: 0
              # limit: 10
            # afterList: 1
            clustermesh:
              # clusters:
              # # -- Name of the cluster
              # - name: cluster1
              # # -- Address of the cluster
              #   address: cluster1.mesh.cilium.io
              #   tls:
              #     cert: ""
            nested:
              items:
                - name: a
                  sub:
                    # deep: 1
              # sibling: 2
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "afterList", "clustermesh.clusters", "nested.sibling" }));
    }

    [Test]
    public void Helm_docs_lines_schema_blocks_links_and_prose_are_not_keys()
    {
        const string yaml = """
            # @schema
            # type: [null, string]
            # @schema
            # -- namespaceOverride: allows to override the namespace.
            # @default -- `true`
            namespaceOverride: ""
            affinity:
              # ref: https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
              # See: https://kubernetes.io/docs/concepts/
              # Ref: ref: https://example.com/
              # WARNING: Use with care!
              # nodes: Count of nodes at which to apply the rate limit.
              # Note: this is prose: not YAML
              # For example: '1.7', '1.8'
              # --set hubble.enabled=true
              # -key: 1
              # key:value
              # trailing.: 1
              # real: true
            metrics:
              # Example:
              #
              #   enabled:
              #   - dns
              #   redact:
              #     enabled: true
              enabled: ~
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "affinity.real" }));
    }

    [Test]
    public void An_inline_comment_on_a_content_line_is_not_read()
    {
        const string yaml = """
            enabled: false # hidden: 1
            list: [a, b] # other: 2
            # shown: 3
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "shown" }));
    }

    [Test]
    public void Tabs_and_CRLF_line_ends_are_read()
    {
        var yaml = "azure:\r\n  enabled: false\r\n  #\tresourceGroup: group1\r\n  # tenantID: x\r\n#\tdevices: \"\"\r\n# lone: cr\rnext: 1\r\n";
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "azure.resourceGroup", "azure.tenantID", "devices", "lone" }));
    }

    [Test]
    public void A_key_found_twice_is_reported_once()
    {
        const string yaml = """
            # devices: ""
            # devices: eth0
            """;
        Assert.That(Keys(yaml), Is.EqualTo(new[] { "devices" }));
    }

    [TestCase("")]
    [TestCase("\n\n\r\n")]
    [TestCase("#")]
    [TestCase("# \t ")]
    [TestCase("---\n...\n")]
    [TestCase("\uFEFF")]
    public void Empty_input_gives_no_keys(string yaml) => Assert.That(Keys(yaml), Is.Empty);

    [Test]
    public void Garbage_gives_some_keys_or_none_and_never_throws()
    {
        var random = new Random(13);
        const string alphabet = "#:- \t\r\n|>\"'ab.{}[]/\\";
        for (var run = 0; run < 2000; run++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 200);
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            Assert.DoesNotThrow(() => CommentedValueKeys.Find(text.ToString()), text.ToString());
        }

        foreach (var odd in new[] { "\"", "'", "a: \"", "- - -", "#:", "# a:", "  # a: |", "- |", "a: '''", "\"a\": \"b" })
        {
            Assert.DoesNotThrow(() => CommentedValueKeys.Find(odd), odd);
        }
    }

    [Test, CancelAfter(10_000)]
    public void A_megabyte_of_values_is_scanned_quickly()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 1_000_000; i++)
        {
            text.Append("section").Append(i).Append(":\n  enabled: false\n  # commented").Append(i).Append(": true\n  deeper:\n    # a: 1\n");
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var keys = Keys(text.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(keys, Does.Contain("section0.commented0"));
            Assert.That(keys, Does.Contain("section0.deeper.a"));
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [TestCaseSource(typeof(TestPaths), nameof(TestPaths.ChartVersions))]
    public void The_chart_documents_devices_and_the_azure_keys_in_comments(string chartVersion)
    {
        var values = ChartFiles.Read(TestPaths.ChartArchive(chartVersion), "values.yaml");
        var keys = Keys(values);
        TestContext.Out.WriteLine($"cilium {chartVersion}: {keys.Length} commented keys");
        foreach (var key in keys)
        {
            TestContext.Out.WriteLine("  " + key);
        }

        Assert.Multiple(() =>
        {
            Assert.That(keys, Does.Contain("devices"));
            Assert.That(keys, Does.Contain("azure.usePrimaryAddress"));
            Assert.That(keys, Does.Contain("azure.resourceGroup"));
            Assert.That(keys, Does.Contain("l2announcements.leaseDuration"));
            Assert.That(keys, Does.Contain("socketLB.hostNamespaceOnly"));
            Assert.That(keys, Does.Contain("hubble.eventQueueSize"));

            // Doc noise that must not count: helm-docs schema annotations, links, examples under a list or a label.
            Assert.That(keys, Has.None.Matches<string>(k => k.Split('.')[^1] is "type" or "ref" or "Ref" or "See" or "Example" or "WARNING"));
            Assert.That(keys, Has.None.Matches<string>(k => k.Contains(".redact.redact", StringComparison.Ordinal)));
            Assert.That(keys, Has.None.Matches<string>(k => k.StartsWith("extraHostPathMounts.", StringComparison.Ordinal)));

            // 1.17 and 1.18 show clustermesh.config.clusters as a commented list; 1.19 adds a commented map of them.
            Assert.That(keys, Has.None.Matches<string>(k => k.StartsWith("clustermesh.config.clusters.address", StringComparison.Ordinal)));
        });
    }
}
