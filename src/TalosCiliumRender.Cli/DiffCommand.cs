using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Diff;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium diff OLD NEW</c>: which resources a change adds, removes or changes, and which fields.</summary>
internal static class DiffCommand
{
    /// <summary>Exit code when both sides were read and differ, as diff(1) does.</summary>
    public const int Differ = 1;

    /// <summary>Exit code when a side could not be read.</summary>
    public const int Failed = 2;

    public static Command Create(CliConsole console)
    {
        var oldPath = new Argument<string>("old") { Description = "The manifest before: a YAML file, or a folder of them (directory layout)." };
        var newPath = new Argument<string>("new") { Description = "The manifest after." };
        var command = new Command("diff", "Summarise per resource what changed between two manifests (added / removed / changed with field paths; values never shown). Exit 0: same, 1: different, 2: error.")
        {
            oldPath,
            newPath,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var environment = console.RenderEnvironment;
            var result = await ManifestComparer.CompareAsync(
                environment.ResolvePath(parseResult.GetRequiredValue(oldPath)),
                environment.ResolvePath(parseResult.GetRequiredValue(newPath)),
                cancellationToken).ConfigureAwait(false);
            if (console.Report(result.Diagnostics) != 0)
            {
                return Failed;
            }

            return Print(console.Out, result);
        });
        return command;
    }

    /// <summary>Writes one line per differing resource and a summary line; returns the exit code.</summary>
    public static int Print(TextWriter writer, DiffResult result)
    {
        foreach (var difference in result.Differences)
        {
            writer.WriteLine(difference.ToString());
        }

        var counts = result.Differences.GroupBy(d => d.Change).ToDictionary(g => g.Key, g => g.Count());
        writer.WriteLine(result.Identical
            ? "no changes"
            : $"{counts.GetValueOrDefault(ResourceChange.Added)} added, {counts.GetValueOrDefault(ResourceChange.Removed)} removed, {counts.GetValueOrDefault(ResourceChange.Changed)} changed");
        return result.Identical ? 0 : Differ;
    }
}
