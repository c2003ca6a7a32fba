using TalosCiliumRender.Core;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.MSBuild;

/// <summary>Runs several renders at once, bounded by the processor count, and returns their results in request order.</summary>
internal static class ParallelRenderer
{
    public static async Task<IReadOnlyList<RenderResult>> RenderAllAsync(
        ManifestRenderer renderer, IReadOnlyList<RenderRequest> requests, int maxParallelism, CancellationToken cancellationToken)
    {
        var results = new RenderResult[requests.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (index, token) =>
            results[index] = await renderer.RenderAsync(requests[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
