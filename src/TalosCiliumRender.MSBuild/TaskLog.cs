using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TalosCiliumRender.Core;

namespace TalosCiliumRender.MSBuild;

/// <summary>Turns the core's diagnostics and results into MSBuild log events.</summary>
/// <param name="log">The task's logging helper.</param>
/// <param name="projectFile">Named for diagnostics that point at no file (the project holds the setting at fault).</param>
/// <param name="projectDirectory">Relative file names in diagnostics are resolved against it, so IDEs can open them.</param>
internal sealed class TaskLog(TaskLoggingHelper log, string projectFile, string projectDirectory)
{
    private const string Prefix = "TalosCiliumRender: ";

    public bool HasLoggedErrors => log.HasLoggedErrors;

    public void Report(Diagnostic diagnostic)
    {
        var file = diagnostic.File is null ? projectFile : Path.GetFullPath(diagnostic.File, projectDirectory);
        var line = diagnostic.Line ?? 0;
        var column = diagnostic.Column ?? 0;
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                // "{0}" keeps braces in YAML snippets from being read as format items.
                log.LogError(null, diagnostic.Code, null, diagnostic.HelpLink, file, line, column, 0, 0, "{0}", diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Code, null, diagnostic.HelpLink, file, line, column, 0, 0, "{0}", diagnostic.Message);
                break;
            default:
                log.LogMessage(MessageImportance.Normal, "{0}", diagnostic.ToString());
                break;
        }
    }

    /// <param name="request">The render.</param>
    /// <param name="result">Its result.</param>
    /// <param name="nameRender">Add the output path to diagnostics, so one of several renders can be told apart.</param>
    public void Report(RenderRequest request, RenderResult result, bool nameRender)
    {
        log.LogMessage(MessageImportance.Low, "{0}", Prefix + Describe(request));
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(nameRender && diagnostic.File != request.OutputPath ? diagnostic with { Message = $"{diagnostic.Message} (render of '{request.OutputPath}')" } : diagnostic);
        }

        var chart = result.Chart is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Version}, {result.ResourceCount} resources, helm {result.HelmVersion}") : null;
        switch (result.Output)
        {
            case OutputStatus.Written:
                log.LogMessage(MessageImportance.High, "{0}", $"{Prefix}wrote {request.OutputPath} ({chart})");
                foreach (var difference in result.Differences)
                {
                    log.LogMessage(MessageImportance.Normal, "{0}", $"{Prefix}  {difference}");
                }

                break;
            case OutputStatus.Unchanged:
                log.LogMessage(MessageImportance.Normal, "{0}", $"{Prefix}{request.OutputPath} is unchanged ({chart})");
                break;
            case OutputStatus.UpToDate:
                log.LogMessage(MessageImportance.High, "{0}", $"{Prefix}{request.OutputPath} is up to date ({chart})");
                break;
        }
    }

    public void Cancelled() =>
        log.LogWarning(null, null, null, null, projectFile, 0, 0, 0, 0, "{0}", Prefix + "cancelled; helm was stopped and no output was changed.");

    private static string Describe(RenderRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"[output] {request.OutputPath} ({request.Mode}) [input] chart={request.Chart} repository={request.Repository} version={request.Version} preset={request.Preset} features={string.Join(',', request.Features)} values={string.Join(',', request.ValuesFiles)} set={request.SetValues.Count} kustomization={request.Kustomization} kube-version={request.KubeVersion} api-versions={string.Join(',', request.ApiVersions)} helm={request.HelmPath} chart-cache={request.ChartCacheDirectory}");
}
