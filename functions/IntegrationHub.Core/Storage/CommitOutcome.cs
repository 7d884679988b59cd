namespace IntegrationHub.Core.Storage;

/// <summary>What storing an event came to.</summary>
public enum CommitOutcome
{
    /// <summary>Stored now, for the first time.</summary>
    Accepted,

    /// <summary>The same (source, id) with the same content was already accepted; it is durable and nothing new was written.</summary>
    Duplicate,

    /// <summary>The same (source, id) was already accepted with different content.</summary>
    Conflict,
}
