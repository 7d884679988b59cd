namespace IntegrationHub.Core.Ioc;

/// <summary>Why records were rejected: where (a JSON Pointer) and what, shortened, with how many times.</summary>
public sealed record RejectionReason(string Pointer, string Reason, long Count);
