using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace TalosCiliumRender.Benchmarks;

/// <summary>
/// In-process runs (a separate benchmark process adds nothing here) with enough warm-up for tiered JIT to settle,
/// since "warm" is what the goals measure: tier-1 code needs 30 calls and a background compile, so a dozen warm-up
/// iterations measured partly tier-0 code.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(40).WithIterationCount(15).WithLaunchCount(1));
}
