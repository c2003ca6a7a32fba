using Microsoft.Build.Framework;
using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Diagnostics;
using TalosCiliumRender.Core.Kustomize;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.MSBuild;

/// <summary>
/// Renders one or more Cilium manifests during a build: a thin adapter that maps <c>TalosCiliumRender</c> items to
/// <see cref="RenderRequest"/>s, runs them in parallel with <see cref="ManifestRenderer"/>, and logs the core's
/// diagnostics as MSBuild errors and warnings with their TCR codes, files and positions.
/// </summary>
/// <remarks>Used by the package's <c>TalosCiliumRender</c> target; not meant to be called directly.</remarks>
public sealed class RenderCiliumManifest : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>
    /// The renders: each item's identity is its output file, its metadata the render's settings (<c>Chart</c>,
    /// <c>Version</c>, <c>Features</c>, <c>ValuesFiles</c>, …), as the package's <c>TalosCiliumRender</c> items carry them.
    /// </summary>
    [Required]
    public ITaskItem[] Renders { get; set; } = [];

    /// <summary>
    /// The project file. Relative paths in <see cref="Renders"/> are resolved against its folder, and diagnostics
    /// that point at no file name it, as it holds the settings.
    /// </summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary><c>Write</c> (default) or <c>Check</c>.</summary>
    public string? Mode { get; set; }

    /// <summary>
    /// When set, the file to list (one full path a line) every file the renders' kustomizations read, through bases
    /// and components outside their folders, so the next incremental build can watch them. Rewritten only when the
    /// list changes.
    /// </summary>
    public string? KustomizationInputsFile { get; set; }

    /// <summary>Most renders run at once; 0 or less means one per processor.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>Stops the renders: running helm processes are killed and the task returns promptly.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        try
        {
            return Render();
        }
        catch (OperationCanceledException)
        {
            new TaskLog(Log, ProjectFile, Directory.GetCurrentDirectory()).Cancelled();
            return false;
        }
        catch (Exception e)
        {
            // A bug (the core turns every user error into a diagnostic): a coded error, never MSBuild's raw MSB4018 trace.
            new TaskLog(Log, ProjectFile, Directory.GetCurrentDirectory()).Report(DiagnosticCatalog.InternalError.Create($"{e.GetType().Name}: {e.Message}"));
            Log.LogMessage(MessageImportance.Low, "{0}", e.ToString());
            return false;
        }
    }

    private bool Render()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) ?? Directory.GetCurrentDirectory();
        var log = new TaskLog(Log, ProjectFile, projectDirectory);
        var environment = RenderEnvironment.FromProcess() with { WorkingDirectory = projectDirectory };
        var mapped = RenderItems.ToRequests(Renders, Mode);
        foreach (var diagnostic in mapped.Diagnostics)
        {
            log.Report(diagnostic);
        }

        if (log.HasLoggedErrors)
        {
            // Nothing renders, but every other problem of the items is reported too, so one build shows them all.
            foreach (var request in mapped.Requests)
            {
                log.Report(request, new RenderResult { Diagnostics = RequestValidator.Validate(request, valuesOnly: false, environment) }, nameRender: mapped.Requests.Count > 1);
            }

            return false;
        }

        try
        {
            var results = ParallelRenderer.RenderAllAsync(new ManifestRenderer(environment), mapped.Requests, MaxParallelism, _cancellation.Token)
                .GetAwaiter().GetResult();
            for (var i = 0; i < results.Count; i++)
            {
                log.Report(mapped.Requests[i], results[i], nameRender: results.Count > 1);
            }

            WriteKustomizationInputs(mapped.Requests, projectDirectory);
        }
        catch (OperationCanceledException)
        {
            log.Cancelled();
            return false;
        }

        return !Log.HasLoggedErrors;
    }

    private void WriteKustomizationInputs(IReadOnlyList<RenderRequest> requests, string projectDirectory)
    {
        if (string.IsNullOrEmpty(KustomizationInputsFile))
        {
            return;
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kustomization in requests.Select(r => r.Kustomization).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            files.UnionWith(Kustomizer.InputFilesAsync(Path.GetFullPath(kustomization, projectDirectory), _cancellation.Token).GetAwaiter().GetResult());
        }

        var text = string.Concat(files.Select(f => f + "\n"));
        if (!File.Exists(KustomizationInputsFile) || File.ReadAllText(KustomizationInputsFile) != text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(KustomizationInputsFile))!);
            File.WriteAllText(KustomizationInputsFile, text);
        }
    }
}
