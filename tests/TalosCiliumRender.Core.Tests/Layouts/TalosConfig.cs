using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Tests.Layouts;

/// <summary>
/// Turns a Talos machine-config patch into the complete documents Talos would hold after applying it to a
/// generated config, so they can be checked against the strict schema (partial patches fail it by design).
/// </summary>
internal static class TalosConfig
{
    /// <summary>A minimal generated v1alpha1 config, as talosctl gen config makes (trimmed, fake secrets).</summary>
    private const string V1Alpha1Up113 = """
        version: v1alpha1
        debug: false
        machine:
          type: controlplane
          token: abcdef.0123456789abcdef
          ca:
            crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
            key: LS0tLS1CRUdJTiBFRDI1NTE5IFBSSVZBVEUgS0VZLS0tLS0=
          certSANs: []
          kubelet:
            image: ghcr.io/siderolabs/kubelet:v1.35.0
          features:
            kubePrism:
              enabled: true
              port: 7445
        cluster:
          id: cluster-id
          secret: cluster-secret
          controlPlane:
            endpoint: https://10.0.0.10:6443
          clusterName: talos
          network:
            dnsDomain: cluster.local
            podSubnets:
              - 10.244.0.0/16
            serviceSubnets:
              - 10.96.0.0/12
          token: 0123ab.0123456789abcdef
          secretboxEncryptionSecret: c2VjcmV0
          proxy:
            image: registry.k8s.io/kube-proxy:v1.35.0
          inlineManifests: []
        """;

    private const string V1Alpha1From114 = """
        version: v1alpha1
        debug: false
        machine:
          type: controlplane
          token: abcdef.0123456789abcdef
          ca:
            crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
            key: LS0tLS1CRUdJTiBFRDI1NTE5IFBSSVZBVEUgS0VZLS0tLS0=
          certSANs: []
        cluster:
          token: 0123ab.0123456789abcdef
        """;

    /// <summary>The typed documents a 1.14 generated config holds that the patch merges into.</summary>
    private const string TypedFrom114 = """
        apiVersion: v1alpha1
        kind: KubeProxyConfig
        image: registry.k8s.io/kube-proxy:v1.35.0
        ---
        apiVersion: v1alpha1
        kind: KubeFlannelCNIConfig
        backendType: vxlan
        """;

    /// <summary>
    /// The complete documents the patch produces. The <c>$patch: delete</c> document removes a document instead of
    /// producing one; its shape is checked here, since no schema entry describes it.
    /// </summary>
    public static IReadOnlyList<YamlNode> Complete(string talosVersion, IReadOnlyList<ManifestDocument> patch)
    {
        if (talosVersion == "1.13")
        {
            var config = (YamlMappingNode)YamlReader.ReadDocuments(V1Alpha1Up113, "base")[0].Root;
            Merge(config, (YamlMappingNode)patch.Single().Root);
            return [config];
        }

        var baseDocuments = YamlReader.ReadDocuments(TypedFrom114, "base").Select(d => (YamlMappingNode)d.Root).ToList();
        var complete = new List<YamlNode> { YamlReader.ReadDocuments(V1Alpha1From114, "base")[0].Root };
        foreach (var document in patch.Select(d => (YamlMappingNode)d.Root))
        {
            var kind = document.GetString("kind");
            if (document.GetString("$patch") == "delete")
            {
                Assert.That(document.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "apiVersion", "kind", "$patch" }), "a delete patch names only the document");
                Assert.That(baseDocuments.Any(b => b.GetString("kind") == kind), Is.True, $"{kind} exists in a generated config");
                continue;
            }

            if (baseDocuments.FirstOrDefault(b => b.GetString("kind") == kind) is { } target)
            {
                Merge(target, document);
                complete.Add(target);
            }
            else
            {
                complete.Add(document);
            }
        }

        return complete;
    }

    /// <summary>The inline manifests of a patch, in either shape.</summary>
    public static IReadOnlyList<(string Name, string Manifest)> InlineManifests(IReadOnlyList<ManifestDocument> patch)
    {
        var found = new List<(string, string)>();
        foreach (var document in patch.Select(d => (YamlMappingNode)d.Root))
        {
            if (document.GetString("kind") == "KubeInlineManifestConfig")
            {
                found.Add((document.GetString("name")!, document.GetString("manifest")!));
            }

            foreach (var inline in (document.GetPath("cluster", "inlineManifests") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
            {
                found.Add((inline.GetString("name")!, inline.GetString("contents")!));
            }
        }

        return found;
    }

    /// <summary>Talos' strategic merge for these fields: mappings merge, inlineManifests append, other values replace.</summary>
    private static void Merge(YamlMappingNode target, YamlMappingNode patch)
    {
        foreach (var (key, value) in patch.Children)
        {
            if (target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode existingMap && value is YamlMappingNode patchMap)
            {
                Merge(existingMap, patchMap);
            }
            else if (existing is YamlSequenceNode existingList && value is YamlSequenceNode patchList && key.ToString() == "inlineManifests")
            {
                foreach (var item in patchList.Children)
                {
                    existingList.Add(YamlNodes.DeepClone(item));
                }
            }
            else
            {
                target.Children[key] = YamlNodes.DeepClone(value);
            }
        }
    }
}
