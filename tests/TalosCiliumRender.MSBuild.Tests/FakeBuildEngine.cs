using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace TalosCiliumRender.MSBuild.Tests;

/// <summary>A hand-written MSBuild engine that records what a task logs (sourcelink's MockEngine).</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    private readonly ConcurrentQueue<BuildEventArgs> _events = new();

    public IEnumerable<BuildErrorEventArgs> Errors => _events.OfType<BuildErrorEventArgs>();

    public IEnumerable<BuildWarningEventArgs> Warnings => _events.OfType<BuildWarningEventArgs>();

    public IEnumerable<BuildMessageEventArgs> Messages => _events.OfType<BuildMessageEventArgs>();

    public IEnumerable<string> ErrorCodes => Errors.Select(e => e.Code);

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "TalosCiliumRender.MSBuild.targets";

    public void LogErrorEvent(BuildErrorEventArgs e) => _events.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => _events.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => _events.Enqueue(e);

    public void LogCustomEvent(CustomBuildEventArgs e) => _events.Enqueue(e);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The task builds no projects.");

    public override string ToString() => string.Join('\n', _events.Select(e => e switch
    {
        BuildErrorEventArgs error => $"{error.File}({error.LineNumber},{error.ColumnNumber}): error {error.Code}: {error.Message}",
        BuildWarningEventArgs warning => $"{warning.File}: warning {warning.Code}: {warning.Message}",
        _ => e.Message,
    }));
}
