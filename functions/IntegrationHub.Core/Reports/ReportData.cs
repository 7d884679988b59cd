using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// What the sections of one period's reports are built from, read once and shared by every scope: the indicators at the period's
/// end and start (null where they cannot be computed at that instant), the stored hourly indicator points within the period, and
/// each feed's hour buckets within the period.
/// </summary>
public sealed record ReportData(ReportPeriod Period, IndicatorReport? AtEnd, IndicatorReport? AtStart,
    IReadOnlyList<IndicatorPoint> Points, IReadOnlyDictionary<string, IReadOnlyList<HourBucket>> Buckets)
{
    /// <summary>Per feed, the completeness of its reporting periods that began in the period (empty where completeness is not served).</summary>
    public IReadOnlyDictionary<string, Completeness.CompletenessSummary> Completeness { get; init; } =
        new Dictionary<string, Completeness.CompletenessSummary>(StringComparer.Ordinal);
}
