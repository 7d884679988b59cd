namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>A token that is well signed and current but that the hub refuses (another tenant, no app role at all).</summary>
public sealed class HubTokenRejectedException(string reason) : Exception(reason);
