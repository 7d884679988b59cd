namespace IntegrationHub.Core.Messaging;

/// <summary>The topics and subscriptions generated from the feed catalogue.</summary>
public sealed record MessagingTopology(IReadOnlyList<TopicDefinition> Topics);
