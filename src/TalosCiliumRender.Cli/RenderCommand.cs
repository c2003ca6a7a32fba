using System.CommandLine;
using TalosCiliumRender.Core.Diff;
using TalosCiliumRender.Core.Output;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium render</c>: the chart through helm, presets, features and patches, to a file or stdout.</summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Write the manifest to this file (atomically; untouched when unchanged or on error). Default: stdout." };
        var check = new Option<bool>("--check")
        {
            Description = "Do not write: render in memory and fail (TCR0008, listing each resource that differs) when the --output file is missing or out of date. For CI.",
        };
        var diffAgainst = new Option<string?>("--diff-against")
        {
            Description = "After rendering, summarise per resource how the render differs from this committed manifest (file or folder) on stderr; exit 1 when it differs.",
        };
        var command = new Command("render", "Render Cilium for Talos: helm template with the preset, features and values, then the kustomization.");
        options.AddTo(command);
        command.Add(output);
        command.Add(check);
        command.Add(diffAgainst);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = options.ToRequest(parseResult) with
            {
                OutputPath = parseResult.GetValue(output),
                Mode = parseResult.GetValue(check) ? OutputMode.Check : OutputMode.Write,
            };
            var result = await new ManifestRenderer(console.RenderEnvironment).RenderAsync(request, cancellationToken).ConfigureAwait(false);
            var exitCode = console.Report(result.Diagnostics);
            if (result.Succeeded && request.OutputPath is null && request.Mode == OutputMode.Write)
            {
                await console.WriteRawAsync(result.Manifest!, cancellationToken).ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                return 1;
            }

            if (parseResult.GetValue(diffAgainst) is { } committed)
            {
                var environment = console.RenderEnvironment;
                var diff = await ManifestComparer.CompareWithRenderAsync(environment.ResolvePath(committed), result.Manifest!, environment.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (console.Report(diff.Diagnostics) != 0)
                {
                    return DiffCommand.Failed;
                }

                // stdout may carry the manifest; the review summary goes to stderr.
                exitCode = Math.Max(exitCode, DiffCommand.Print(console.Error, diff));
            }

            return exitCode;
        });
        return command;
    }
}
