namespace IntegrationHub.Core.Contracts;

/// <summary>A label in Vietnamese (the default) and English.</summary>
public sealed record LocalizedText(string Vi, string En);
