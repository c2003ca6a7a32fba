using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Lint;
using TalosCiliumRender.Core.Output;

namespace TalosCiliumRender.Cli;

/// <summary>
/// <c>talos-cilium kustomize DIR [-o FILE]</c>: builds a kustomization in-process like <c>kubectl kustomize DIR</c>.
/// The output goes to stdout, or replaces FILE atomically; diagnostics go to stderr in the canonical form.
/// </summary>
internal static class KustomizeCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The folder holding kustomization.yaml (or kustomization.yml, Kustomization), or the file itself.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the manifests to this file (replaced atomically; a symbolic link is followed and stays a link; a device or pipe is written to in place) instead of stdout ('-').",
        };
        var lint = new Option<bool>("--lint") { Description = "Run the Talos lint (TCR6xxx warnings) on the output." };
        var lintOptions = new LintOptions();
        var command = new Command("kustomize", "Build a kustomization like `kubectl kustomize DIR`, without a kustomize binary.")
        {
            directory,
            output,
            lint,
        };
        lintOptions.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var outputPath = parseResult.GetValue(output) is { } path && path != RenderCommand.StandardOutput ? path : null;

            // --suppress or --lint-errors only make sense with the lint, so either one asks for it.
            var lintRequest = parseResult.GetValue(lint) || lintOptions.Suppressed(parseResult).Count > 0 || lintOptions.AsErrors(parseResult)
                ? new TalosLintOptions { SuppressedLints = lintOptions.Suppressed(parseResult), AsErrors = lintOptions.AsErrors(parseResult), File = outputPath }
                : null;
            return RunAsync(console, parseResult.GetRequiredValue(directory), outputPath, lintRequest, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string directory, string? output, TalosLintOptions? lint, CancellationToken cancellationToken)
    {
        var environment = console.RenderEnvironment;
        var result = await Kustomizer.BuildAsync(environment.ResolvePath(directory), cancellationToken).ConfigureAwait(false);
        var diagnostics = result.Diagnostics.ToList();
        if (lint is not null && result.Succeeded && result.Yaml is not null)
        {
            diagnostics.AddRange(TalosLinter.Lint(result.Yaml, lint).Diagnostics);
        }

        // A lint error (with --lint-errors) fails the build like any other error: nothing is written.
        if (console.Report(diagnostics) != 0 || !result.Succeeded || result.Yaml is null)
        {
            return 1;
        }

        if (output is null)
        {
            await console.WriteRawAsync(result.Yaml, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var failure = await ManifestFile.WriteAsync(environment.ResolvePath(output), result.Yaml, cancellationToken).ConfigureAwait(false);
        return failure is null ? 0 : console.Report([failure]);
    }
}
