namespace IntegrationHub.Core.Contracts;

/// <summary>The department that owns a feed.</summary>
public sealed record FeedOwner(string Code, LocalizedText Name);
