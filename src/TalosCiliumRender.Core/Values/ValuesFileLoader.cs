using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace TalosCiliumRender.Core.Values;

/// <summary>Reads a helm values file into a tree, with coded errors that point at the file, line and column.</summary>
internal static class ValuesFileLoader
{
    public static async Task<YamlMappingNode> LoadAsync(string path, RenderEnvironment environment, CancellationToken cancellationToken)
    {
        var fullPath = environment.ResolvePath(path);
        if (Directory.Exists(fullPath))
        {
            throw DiagnosticCatalog.ValuesFileIsFolder.Exception(SourceLocation.InFile(path), path);
        }

        if (!File.Exists(fullPath))
        {
            throw DiagnosticCatalog.ValuesFileNotFound.Exception(SourceLocation.InFile(path), path, environment.WorkingDirectory);
        }

        var text = await InputFile.ReadTextAsync(fullPath, path, SourceLocation.InFile(path), cancellationToken, requireUtf8: true).ConfigureAwait(false);
        var values = YamlReader.ReadSingleMapping(text, path, "Values file");
        KeysAsHelmReadsThem(values);
        return values;
    }

    /// <summary>
    /// helm reads a values file as YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2), where the plain key <c>on</c> is the
    /// key "true" and <c>0x10</c> is "16". Such keys are rewritten to that text, so they merge with the same key from
    /// another layer or from <c>--set</c> as they do in helm, and keep meaning it in the file helm is given.
    /// </summary>
    private static void KeysAsHelmReadsThem(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.Keys.Any(k => HelmKey(k) != k))
                {
                    var entries = map.Children.ToArray();
                    map.Children.Clear();
                    foreach (var (key, value) in entries)
                    {
                        // The same key twice after reading: go-yaml v2 keeps the last, as here.
                        map.Children[HelmKey(key)] = value;
                    }
                }

                foreach (var value in map.Children.Values)
                {
                    KeysAsHelmReadsThem(value);
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    KeysAsHelmReadsThem(item);
                }

                break;
        }
    }

    /// <summary>
    /// The key as helm's text when that differs from the key's own (booleans and integers; <c>1</c> stays as written).
    /// A null key (<c>~</c>) is left for helm to reject, and float keys are left as written.
    /// </summary>
    private static YamlNode HelmKey(YamlNode key) =>
        key is YamlScalarNode scalar && SigsYaml.IsUntaggedPlain(scalar)
        && GoYamlDialect.ResolveV2(scalar.Value ?? string.Empty) is bool or System.Numerics.BigInteger
        && SigsYaml.Key(scalar) is var helmKey && helmKey.Value != scalar.Value
            ? helmKey
            : key;
}
