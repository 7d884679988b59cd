namespace IntegrationHub.Core.Messaging;

/// <summary>A topic (one per feed major version) and its subscriptions.</summary>
public sealed record TopicDefinition(string Name, string? FeedId, IReadOnlyList<string> Subscriptions);
