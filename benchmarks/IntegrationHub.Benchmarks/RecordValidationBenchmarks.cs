using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// The hub's whole check of one record, exactly as ingest and <c>dev/validate</c> run it: the repository's real contracts
/// (envelope schema, type, data schema, cross-field rules, administrative-unit lookup) on a school-status sample, beside
/// parsing the same bytes.
/// </summary>
[MemoryDiagnoser]
public class RecordValidationBenchmarks
{
    private byte[] _event = null!;
    private FeedDefinition _feed = null!;
    private RecordValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var contracts = FindContracts();
        var catalogue = FeedCatalogue.Load(contracts);
        var adminUnits = AdminUnitRegistry.Load(Path.Combine(contracts, "reference", "admin-units"));
        _validator = new RecordValidator(catalogue, adminUnits, new RuleEvaluator(adminUnits, new ValidationOptions(), TimeProvider.System));
        _feed = catalogue.Find("edu.school-status")!;
        _event = File.ReadAllBytes(Directory.GetFiles(Path.Combine(contracts, "edu.school-status", "samples", "valid"), "*.json").Order(StringComparer.Ordinal).Last());
        using var document = JsonDocument.Parse(_event);
        if (!_validator.Validate(_feed, document.RootElement).IsValid)
        {
            throw new InvalidOperationException("The benchmark record is not valid.");
        }
    }

    [Benchmark(Baseline = true, Description = "Parse")]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_event);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "Parse + whole-record validation (envelope, type, schema, rules)")]
    public bool ParseAndValidateRecord()
    {
        using var document = JsonDocument.Parse(_event);
        return _validator.Validate(_feed, document.RootElement).IsValid;
    }

    internal static string FindContracts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return Path.Combine(dir.FullName, "contracts");
            }
        }

        throw new InvalidOperationException("Run the benchmarks inside the repository.");
    }
}
