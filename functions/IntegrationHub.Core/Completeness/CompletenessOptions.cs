namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Data completeness (section <c>Hub:Ioc:Completeness</c>): when a reporting period is due, how many missed periods make a
/// sender silent, how long a late streak may grow before it is an alert, and how much of it the API shows.
/// </summary>
public sealed class CompletenessOptions
{
    /// <summary>A period's deadline is its end plus this share of the cadence (0.5: a daily period is due by noon the next day).</summary>
    public double GraceFactor { get; set; } = 0.5;

    /// <summary>
    /// A sender is silent once this many consecutive due periods are missing; an entity of a feed whose entities report each
    /// period has stopped reporting once its last record is older than this many cadences.
    /// </summary>
    public int SilentPeriods { get; set; } = 3;

    /// <summary>This many consecutive late periods raise a late-streak alert.</summary>
    public int LateStreakAlert { get; set; } = 3;

    /// <summary>How many of the most recent periods each feed and sender lists (the summary counts the whole window).</summary>
    public int PeriodsShown { get; set; } = 30;

    /// <summary>How long a computed completeness report is served from memory (it scans every entity of each feed).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsValid(out string problem)
    {
        problem = GraceFactor is < 0 or > 10 ? "Hub:Ioc:Completeness:GraceFactor must be from 0 to 10."
            : SilentPeriods < 1 || LateStreakAlert < 1 ? "Hub:Ioc:Completeness:SilentPeriods and LateStreakAlert must be at least 1."
            : PeriodsShown is < 1 or > 1000 ? "Hub:Ioc:Completeness:PeriodsShown must be from 1 to 1000."
            : CacheDuration < TimeSpan.Zero ? "Hub:Ioc:Completeness:CacheDuration must not be negative."
            : "";
        return problem.Length == 0;
    }
}
