namespace IntegrationHub.Core.Completeness;

/// <summary>Completeness records: per feed, when tracking began, each sender's first arrival per period, and the monitor's alert state.</summary>
public interface ICompletenessStore
{
    /// <summary>Records first arrivals; an arrival already recorded keeps its earlier time.</summary>
    Task RecordAsync(IReadOnlyList<PeriodArrival> arrivals, CancellationToken cancellationToken);

    /// <summary>A feed's arrivals for periods from <paramref name="fromPeriod"/> on (the earliest per sender and period), its tracking start and alert states.</summary>
    Task<CompletenessRecord> ReadAsync(string feedId, DateTimeOffset fromPeriod, CancellationToken cancellationToken);

    /// <summary>Marks when tracking of a feed began, unless it already began; returns the start in force.</summary>
    Task<DateTimeOffset> StartTrackingAsync(string feedId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the monitor's alert state of one sender; false when another writer changed it first (ETag mismatch).</summary>
    Task<bool> SaveAlertStateAsync(string feedId, SenderAlertState state, CancellationToken cancellationToken);

    /// <summary>Deletes arrivals of periods that started before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(string feedId, DateTimeOffset before, CancellationToken cancellationToken);
}
