using System.CommandLine;

namespace TalosCiliumRender.Cli;

/// <summary>Builds the <c>talos-cilium</c> command tree and runs it; each command lives in its own file.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("Render Cilium for Talos Linux into GitOps-ready manifests: the real `helm template` with Talos presets, then in-process kustomize patches.")
        {
            RenderCommand.Create(console),
            ValuesCommand.Create(console),
            KustomizeCommand.Create(console),
            DiffCommand.Create(console),
            CacheCommand.Create(console),
            VersionCommand.Create(console),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = CreateRootCommand(console);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
