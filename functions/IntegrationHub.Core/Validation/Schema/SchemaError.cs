namespace IntegrationHub.Core.Validation.Schema;

/// <summary>One schema violation.</summary>
/// <param name="Pointer">RFC 6901 JSON Pointer into the validated instance, including the caller's prefix.</param>
/// <param name="Detail">Human-readable reason, e.g. "is required" or "must be ≤ 20000".</param>
public sealed record SchemaError(string Pointer, string Detail);
