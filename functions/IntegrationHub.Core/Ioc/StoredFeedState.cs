namespace IntegrationHub.Core.Ioc;

/// <summary>The freshness state the monitor last recorded for a feed, with the ETag to update it safely.</summary>
public sealed record StoredFeedState(string State, DateTimeOffset Since, DateTimeOffset? LastEventAt, DateTimeOffset CheckedAt, string? ETag);
