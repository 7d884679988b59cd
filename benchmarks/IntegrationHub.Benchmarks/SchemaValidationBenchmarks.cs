using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Benchmarks;

/// <summary>What schema validation adds to parsing one structured-mode CloudEvent of a typical record.</summary>
[MemoryDiagnoser]
public class SchemaValidationBenchmarks
{
    private readonly List<SchemaError> _errors = new(16);
    private CompiledSchema _dataSchema = null!;
    private CompiledSchema _envelopeSchema = null!;
    private JsonDocument _parsedEvent = null!;

    [GlobalSetup]
    public void Setup()
    {
        using (var data = JsonDocument.Parse(SchoolStatusRecord.DataSchemaJson))
        {
            _dataSchema = CompiledSchema.Compile(data.RootElement);
        }

        using (var envelope = JsonDocument.Parse(SchoolStatusRecord.EnvelopeSchemaJson))
        {
            _envelopeSchema = CompiledSchema.Compile(envelope.RootElement);
        }

        _parsedEvent = JsonDocument.Parse(SchoolStatusRecord.EventUtf8);
        if (!ParseAndValidateEnvelopeAndData() || ParseAndValidateInvalidData() != 5)
        {
            var reported = string.Join("; ", _errors.Select(e => $"{e.Pointer} {e.Detail}"));
            throw new InvalidOperationException($"The benchmark records do not validate as expected: {reported}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _parsedEvent.Dispose();

    [Benchmark(Baseline = true, Description = "Parse")]
    public JsonValueKind Parse()
    {
        using var document = JsonDocument.Parse(SchoolStatusRecord.EventUtf8);
        return document.RootElement.ValueKind;
    }

    [Benchmark(Description = "Parse + Validate(data)")]
    public bool ParseAndValidateData()
    {
        using var document = JsonDocument.Parse(SchoolStatusRecord.EventUtf8);
        _errors.Clear();
        _dataSchema.Validate(document.RootElement.GetProperty("data"), "/data", _errors);
        return _errors.Count == 0;
    }

    [Benchmark(Description = "Parse + Validate(envelope) + Validate(data)")]
    public bool ParseAndValidateEnvelopeAndData()
    {
        using var document = JsonDocument.Parse(SchoolStatusRecord.EventUtf8);
        _errors.Clear();
        _envelopeSchema.Validate(document.RootElement, string.Empty, _errors);
        if (document.RootElement.TryGetProperty("data"u8, out var data))
        {
            _dataSchema.Validate(data, "/data", _errors);
        }

        return _errors.Count == 0;
    }

    [Benchmark(Description = "Parse + Validate(data), 5 errors")]
    public int ParseAndValidateInvalidData()
    {
        using var document = JsonDocument.Parse(SchoolStatusRecord.InvalidEventUtf8);
        _errors.Clear();
        _dataSchema.Validate(document.RootElement.GetProperty("data"), "/data", _errors);
        return _errors.Count;
    }

    [Benchmark(Description = "Validate(data) of a parsed event")]
    public bool ValidateParsedData()
    {
        _errors.Clear();
        _dataSchema.Validate(_parsedEvent.RootElement.GetProperty("data"), "/data", _errors);
        return _errors.Count == 0;
    }

    [Benchmark(Description = "IsValid(data) of a parsed event")]
    public bool IsValidParsedData() => _dataSchema.IsValid(_parsedEvent.RootElement.GetProperty("data"));
}
