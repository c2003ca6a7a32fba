using System.CommandLine;
using System.Text;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Lint;

namespace TalosCiliumRender.Cli;

/// <summary>
/// <c>talos-cilium kustomize DIR [-o FILE]</c>: builds a kustomization in-process like <c>kubectl kustomize DIR</c>.
/// The output goes to stdout, or replaces FILE atomically; diagnostics go to stderr in the canonical form.
/// </summary>
internal static class KustomizeCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The folder holding kustomization.yaml (or kustomization.yml, Kustomization), or the file itself.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the manifests to this file (replaced atomically) instead of stdout.",
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
            // --suppress or --lint-errors only make sense with the lint, so either one asks for it.
            var lintRequest = parseResult.GetValue(lint) || lintOptions.Suppressed(parseResult).Count > 0 || lintOptions.AsErrors(parseResult)
                ? new TalosLintOptions { SuppressedLints = lintOptions.Suppressed(parseResult), AsErrors = lintOptions.AsErrors(parseResult), File = parseResult.GetValue(output) }
                : null;
            return RunAsync(console, parseResult.GetRequiredValue(directory), parseResult.GetValue(output), lintRequest, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string directory, string? output, TalosLintOptions? lint, CancellationToken cancellationToken)
    {
        var result = await Kustomizer.BuildAsync(directory, cancellationToken).ConfigureAwait(false);
        var diagnostics = result.Diagnostics.ToList();
        if (lint is not null && result.Succeeded && result.Yaml is not null)
        {
            diagnostics.AddRange(TalosLinter.Lint(result.Yaml, lint));
        }

        foreach (var diagnostic in diagnostics)
        {
            await console.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        // A lint error (with --lint-errors) fails the build like any other error: nothing is written.
        if (!result.Succeeded || result.Yaml is null || diagnostics.Any(d => d.IsError))
        {
            return 1;
        }

        var bytes = Utf8NoBom.GetBytes(result.Yaml);
        if (output is null)
        {
            var stdout = console.OpenStandardOutput();
            await stdout.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (await WriteAtomicallyAsync(output, bytes, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            await console.Error.WriteLineAsync(failure.ToString()).ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>Writes a temporary file next to the target and renames it over the target, so readers never see half a file.</summary>
    private static async Task<Diagnostic?> WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DiagnosticCatalog.OutputWriteFailed.Create(SourceLocation.InFile(path), path, e.Message);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
