namespace IntegrationHub.Core.Validation;

/// <summary>One thing wrong with a record: where (a JSON Pointer into the event) and what, in words.</summary>
public sealed record ValidationError(string Pointer, string Detail);
