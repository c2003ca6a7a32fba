using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium values</c>: the merged values a render would give helm.</summary>
internal static class ValuesCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var command = new Command("values", "Print the effective values (preset < features < values files < --set) that render would pass to helm.");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The render output (file or folder) these values are for: its provenance header decides upgradeCompatibility and the upgrade checks, as in render. Only read; the values still go to stdout.",
        };
        var layout = new Option<string>(RequestOptions.Layout.Flag)
        {
            Description = "Layout of --output: 'file', 'directory' or 'talos', as given to render.",
            DefaultValueFactory = _ => "file",
        };
        options.AddTo(command);
        command.Add(output);
        command.Add(layout);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var early = new List<Diagnostic>();
            var request = options.ToRequest(parseResult) with
            {
                // '-' (stdout) holds no committed output: as without the option.
                OutputPath = parseResult.GetValue(output) is { } path && path != RenderCommand.StandardOutput ? path : null,
                Layout = RequestOptions.LayoutOf(parseResult.GetValue(layout), RequestOptions.Layout.Flag, early),
            };
            if (early.Count > 0)
            {
                return console.Report(early);
            }

            var result = await new ManifestRenderer(console.RenderEnvironment).ComputeValuesAsync(request, cancellationToken).ConfigureAwait(false);
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
