using TalosCiliumRender.Core.Diagnostics;

namespace TalosCiliumRender.Core.Rendering;

/// <summary>
/// Renders Cilium manifests: runs the real <c>helm template</c> with Talos presets and features, applies an
/// optional kustomization in-process, and writes the result atomically. User errors come back as coded
/// diagnostics in the result, never as exceptions.
/// </summary>
/// <example>
/// <code>
/// var result = await new ManifestRenderer().RenderAsync(new RenderRequest
/// {
///     Chart = "charts/cilium-1.18.1.tgz",
///     Features = ["hubble-relay", "hubble-ui"],
///     OutputPath = "cilium-manifests.yaml",
/// }, cancellationToken);
/// foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic);
/// </code>
/// </example>
public sealed class ManifestRenderer
{
    private readonly RenderEnvironment _environment;

    /// <summary>Creates a renderer.</summary>
    /// <param name="environment">Environment variables, working folder and clock; the current process's when null.</param>
    public ManifestRenderer(RenderEnvironment? environment = null)
    {
        _environment = environment ?? RenderEnvironment.FromProcess();
    }

    /// <summary>Renders the chart described by <paramref name="request"/>.</summary>
    /// <param name="request">What to render.</param>
    /// <param name="cancellationToken">Stops helm (no process is left behind) and the render.</param>
    /// <returns>The manifest and diagnostics; on failure no output file was changed.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, pipeline => pipeline.RenderAsync(request, cancellationToken), diagnostics => new RenderResult { Diagnostics = diagnostics });

    /// <summary>Computes the merged values that a render would give helm, without rendering.</summary>
    /// <param name="request">What would be rendered.</param>
    /// <param name="cancellationToken">Stops the work, including a chart download.</param>
    /// <returns>The values, or the diagnostics that explain why there are none.</returns>
    public Task<ValuesResult> ComputeValuesAsync(RenderRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, pipeline => pipeline.ValuesAsync(request, cancellationToken), diagnostics => new ValuesResult { Diagnostics = diagnostics });

    private async Task<T> RunAsync<T>(RenderRequest request, Func<RenderPipeline, Task<T>> run, Func<IReadOnlyList<Diagnostic>, T> failed)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            // Cheap, and the only moment anything removes what a killed render (kill -9) left in the temporary folder.
            // Ages are measured on the file system's clock, never the environment's: that one may be set ahead (what
            // a render will look like in a year), and would then take the live folders of concurrent renders for stale.
            _ = StaleTemporaryFolders.Remove(Path.GetTempPath(), TimeProvider.System.GetUtcNow());

            return await run(new RenderPipeline(_environment)).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            return failed([e.Diagnostic]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return failed([DiagnosticCatalog.InternalError.Create($"{e.GetType().Name}: {e.Message}")]);
        }
    }
}
