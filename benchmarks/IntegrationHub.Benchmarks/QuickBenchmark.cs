using System.Diagnostics;
using System.Globalization;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// A Stopwatch loop of about three seconds per case, for a quick figure without BenchmarkDotNet.
/// Prints operations per second per case and the time per operation relative to parsing alone.
/// </summary>
internal static class QuickBenchmark
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public static void Run(TextWriter output)
    {
        var benchmarks = new SchemaValidationBenchmarks();
        benchmarks.Setup();
        var records = new RecordValidationBenchmarks();
        records.Setup();
        try
        {
            (string Name, Func<object> Operation)[] cases =
            [
                ("Parse", () => benchmarks.Parse()),
                ("Parse + Validate(data)", () => benchmarks.ParseAndValidateData()),
                ("Parse + Validate(envelope) + Validate(data)", () => benchmarks.ParseAndValidateEnvelopeAndData()),
                ("Parse + Validate(data), 5 errors", () => benchmarks.ParseAndValidateInvalidData()),
                ("Validate(data) of a parsed event", () => benchmarks.ValidateParsedData()),
                ("IsValid(data) of a parsed event", () => benchmarks.IsValidParsedData()),
                ("Parse + whole record (contracts/edu sample)", () => records.ParseAndValidateRecord()),
            ];

            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-46} {1,14} {2,12} {3,10}", "case (single thread)", "ops/s", "ns/op", "vs Parse"));
            double? parseNanoseconds = null;
            foreach (var (name, operation) in cases)
            {
                var operationsPerSecond = Measure(operation);
                var nanoseconds = 1e9 / operationsPerSecond;
                parseNanoseconds ??= nanoseconds;
                output.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0,-46} {1,14:N0} {2,12:N0} {3,9:0.00}x",
                    name,
                    operationsPerSecond,
                    nanoseconds,
                    nanoseconds / parseNanoseconds.Value));
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static double Measure(Func<object> operation)
    {
        // Warm-up lets tiered compilation reach optimized code before timing.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            operation();
        }

        long operations = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Duration)
        {
            for (var i = 0; i < 1000; i++)
            {
                operation();
            }

            operations += 1000;
        }

        return operations / stopwatch.Elapsed.TotalSeconds;
    }
}
