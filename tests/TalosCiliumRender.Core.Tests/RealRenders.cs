using System.Collections.Concurrent;
using System.Text.Json;
using TalosCiliumRender.Core.Rendering;

namespace TalosCiliumRender.Core.Tests;

/// <summary>
/// Real helm renders for a fixture, each distinct request rendered once (a render takes about a second) and shared
/// by every assertion that needs it. Requests that write files are never shared.
/// </summary>
internal sealed class RealRenders : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderResult>>> _renders = new();
    private readonly TempDirectory _cache = new();

    /// <summary>The seed chart with the pinned helm 3, and a private chart cache.</summary>
    public RenderRequest Request(string chartVersion = "1.18.1") => new()
    {
        Chart = TestPaths.ChartArchive(chartVersion),
        HelmPath = TestPaths.Helm(TestPaths.Helm3Version),
        ChartCacheDirectory = _cache.Path,
    };

    /// <summary>Renders <paramref name="request"/> (once per distinct request without output path) and asserts success.</summary>
    public Task<RenderResult> RenderAsync(RenderRequest request, bool expectSuccess = true)
    {
        if (request.OutputPath is not null)
        {
            return RunAsync(request, expectSuccess);
        }

        var key = JsonSerializer.Serialize(request) + expectSuccess;
        return _renders.GetOrAdd(key, _ => new Lazy<Task<RenderResult>>(() => RunAsync(request, expectSuccess))).Value;
    }

    public void Dispose() => _cache.Dispose();

    private static async Task<RenderResult> RunAsync(RenderRequest request, bool expectSuccess)
    {
        var result = await new ManifestRenderer().RenderAsync(request);
        if (expectSuccess)
        {
            Assert.That(result.Succeeded, Is.True, () => string.Join('\n', result.Diagnostics));
        }

        return result;
    }
}
