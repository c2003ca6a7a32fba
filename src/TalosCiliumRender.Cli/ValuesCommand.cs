using System.CommandLine;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium values</c>: the merged values a render would give helm.</summary>
internal static class ValuesCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var command = new Command("values", "Print the effective values (preset < features < values files < --set) that render would pass to helm.");
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = await new ManifestRenderer(console.RenderEnvironment).ComputeValuesAsync(options.ToRequest(parseResult), cancellationToken).ConfigureAwait(false);
            var exitCode = console.Report(result.Diagnostics);
            if (result.EffectiveValues is { } values && exitCode == 0)
            {
                await console.WriteRawAsync(values, cancellationToken).ConfigureAwait(false);
            }

            return result.EffectiveValues is null ? 1 : exitCode;
        });
        return command;
    }
}
