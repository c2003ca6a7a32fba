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

        var text = await InputFile.ReadTextAsync(fullPath, path, SourceLocation.InFile(path), cancellationToken).ConfigureAwait(false);
        return YamlReader.ReadSingleMapping(text, path, "Values file");
    }
}
