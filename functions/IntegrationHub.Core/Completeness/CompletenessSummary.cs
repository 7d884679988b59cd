namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Expected against received periods over the window: <see cref="PeriodsExpected"/> counts the due periods since tracking
/// began (at most the window) and those already received before they are due, each on time, late or missing; the streaks count back from the latest due period.
/// <see cref="Entities"/> and <see cref="SilentEntities"/> are null for a feed whose entities report only on change.
/// </summary>
public sealed record CompletenessSummary(
    string State,
    int PeriodsExpected,
    int OnTime,
    int Late,
    int Missing,
    int LateStreak,
    int MissingStreak,
    int? Entities = null,
    int? SilentEntities = null);
