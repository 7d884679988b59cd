namespace IntegrationHub.Core.AsOf;

/// <summary>What one checkpoint run did for a feed: written (with its entities and the rows it read), already there, or postponed.</summary>
public sealed record CheckpointResult(string FeedId, DateTimeOffset Cutoff, CheckpointOutcome Outcome, int Entities, int RowsRead);

/// <summary>The outcome of a checkpoint for one feed and cut-off.</summary>
public enum CheckpointOutcome
{
    Written,
    Exists,

    /// <summary>Events that arrived by the cut-off are still in the outbox (not yet committed everywhere): tried again on the next run.</summary>
    Postponed,
}
