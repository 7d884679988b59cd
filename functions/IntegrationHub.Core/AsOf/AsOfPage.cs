namespace IntegrationHub.Core.AsOf;

/// <summary>
/// One page of an as-of answer: the entities, the checkpoint it started from (null: none, the arrival rows from the
/// start), the rows this page read (checkpoint, arrival and manifest rows), and the token of the next page (null on the last).
/// </summary>
public sealed record AsOfPage(IReadOnlyList<AsOfEntry> Items, DateTimeOffset? Checkpoint, int RowsRead, string? ContinuationToken);
