using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TalosCiliumRender.Benchmarks.KustomizeBenchmarks).Assembly).Run(args);
