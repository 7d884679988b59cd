using BenchmarkDotNet.Running;
using IntegrationHub.Benchmarks;

// "--quick" runs a Stopwatch loop per case; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Contains("--quick"))
{
    QuickBenchmark.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SchemaValidationBenchmarks).Assembly).Run(args);
