using System.CommandLine;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;
using TalosCiliumRender.Core.Upgrades;

namespace TalosCiliumRender.Cli;

/// <summary><c>talos-cilium upgrade-report --from OUTPUT</c>: what rendering the target over a committed output would change. Writes nothing.</summary>
internal static class UpgradeReportCommand
{
    /// <summary>Exit code when something blocks the upgrade (a guard, a removed value or a removed API version in use).</summary>
    public const int Blocked = 1;

    /// <summary>Exit code when the report could not be made.</summary>
    public const int Failed = 2;

    public static Command Create(CliConsole console)
    {
        var options = new RenderOptions();
        var from = new Option<string>("--from")
        {
            Description = "The committed output (file or folder) the upgrade starts from: its provenance header names the committed chart.",
            Required = true,
        };
        var fromChart = new Option<string?>("--from-chart") { Description = "The chart (.tgz or folder) the committed output was rendered with, when the chart cache does not hold it." };
        var format = new Option<string>("--format")
        {
            Description = "Report format: 'text', 'markdown' (a pull-request comment) or 'json' (a stable shape, see the README).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var layout = new Option<string>(RequestOptions.Layout.Flag)
        {
            Description = "Layout of --from: 'file', 'directory' or 'talos', as given to render (a folder is read as 'directory').",
            DefaultValueFactory = _ => "file",
        };
        var talosVersion = new Option<string?>("--talos-version") { Description = "Talos version X.Y of a --layout talos output." };
        var command = new Command("upgrade-report", "Report what rendering the target chart and values over a committed output would change: version step and guards, values the new chart no longer reads, changed defaults, upgradeCompatibility, resources, removed API versions. Writes nothing. Exit 0: nothing blocks, 1: something blocks, 2: error.");
        options.AddTo(command);
        command.Add(from);
        command.Add(fromChart);
        command.Add(format);
        command.Add(layout);
        command.Add(talosVersion);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var early = new List<Diagnostic>();
            var request = new UpgradeReportRequest
            {
                From = parseResult.GetRequiredValue(from),
                FromChart = parseResult.GetValue(fromChart),
                Target = options.ToRequest(parseResult) with
                {
                    Layout = RequestOptions.LayoutOf(parseResult.GetValue(layout), RequestOptions.Layout.Flag, early),
                    TalosVersion = parseResult.GetValue(talosVersion),
                },
            };
            if (early.Count > 0)
            {
                console.Report(early);
                return Failed;
            }

            var result = await new UpgradeReporter(console.RenderEnvironment).ReportAsync(request, cancellationToken).ConfigureAwait(false);
            console.Report(result.Diagnostics);
            if (!result.Succeeded || result.Report is not { } report)
            {
                return Failed;
            }

            var text = parseResult.GetValue(format) switch
            {
                "markdown" => UpgradeReportFormatter.Markdown(report),
                "json" => UpgradeReportFormatter.Json(report),
                _ => UpgradeReportFormatter.Text(report),
            };
            await console.WriteRawAsync(text, cancellationToken).ConfigureAwait(false);
            return report.Blocked ? Blocked : 0;
        });
        return command;
    }
}
