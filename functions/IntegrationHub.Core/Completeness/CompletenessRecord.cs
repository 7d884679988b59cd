namespace IntegrationHub.Core.Completeness;

/// <summary>What the completeness table holds for one feed.</summary>
public sealed record CompletenessRecord(string FeedId, DateTimeOffset? TrackedSince, IReadOnlyList<PeriodArrival> Arrivals, IReadOnlyDictionary<string, SenderAlertState> AlertStates);
