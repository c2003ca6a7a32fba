using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Helm;

namespace TalosCiliumRender.Cli;

/// <summary>
/// <c>talos-cilium cache add FILE [--repo URL]</c> pre-seeds the chart cache for machines without network;
/// <c>talos-cilium cache path</c> prints where the cache is.
/// </summary>
internal static class CacheCommand
{
    public static Command Create(CliConsole console, RenderEnvironment? environment = null)
    {
        var env = environment ?? console.RenderEnvironment;
        return new Command("cache", "Manage the chart cache that lets renders run without network.")
        {
            CreateAdd(console, env),
            CreatePath(console, env),
        };
    }

    private static Command CreateAdd(CliConsole console, RenderEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A chart .tgz, for example from 'helm pull' on a connected machine." };
        var repository = new Option<string?>("--repo")
        {
            Description = $"The repository URL (or oci:// registry path) renders will name for this chart. Default: {ChartSource.DefaultRepository}.",
        };
        var cacheRoot = CacheRootOption();
        var command = new Command("add", "Add a chart archive to the cache, filed as if downloaded from --repo. The archive is checked whole first (gzip, tar, Chart.yaml, name and version); a damaged one is refused and nothing is filed.") { file, repository, cacheRoot };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var cache = new ChartCache(ChartCache.RootFor(parseResult.GetValue(cacheRoot), environment));
            var result = await cache.AddArchiveAsync(environment.ResolvePath(parseResult.GetRequiredValue(file)), parseResult.GetValue(repository), cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await console.Error.WriteLineAsync(result.Diagnostic.ToString()).ConfigureAwait(false);
                return 1;
            }

            var entry = result.Entry;
            await console.Out.WriteLineAsync($"Cached {entry.Name} {entry.Version} ({entry.Digest}) for '{entry.Key}' at {entry.BlobPath}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreatePath(CliConsole console, RenderEnvironment environment)
    {
        var cacheRoot = CacheRootOption();
        var command = new Command("path", $"Print the chart cache folder (--chart-cache, else ${ChartCache.EnvironmentVariable}, else the user cache folder).") { cacheRoot };
        command.SetAction(parseResult =>
        {
            console.Out.WriteLine(ChartCache.RootFor(parseResult.GetValue(cacheRoot), environment));
            return 0;
        });
        return command;
    }

    private static Option<string?> CacheRootOption() => new("--chart-cache")
    {
        Description = $"The chart cache folder. Default: ${ChartCache.EnvironmentVariable}, else $XDG_CACHE_HOME/talos-cilium/charts, else ~/.cache/talos-cilium/charts.",
    };
}
