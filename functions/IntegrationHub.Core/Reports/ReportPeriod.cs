using System.Globalization;

namespace IntegrationHub.Core.Reports;

/// <summary>One report period: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, both at midnight province time.</summary>
public sealed record ReportPeriod(string Kind, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The report's id for <paramref name="scope"/>: <c>{kind}-{scope}-{yyyyMMdd of the start}</c>, also its folder in the store.</summary>
    public string IdFor(string scope) => $"{Kind}-{scope}-{Start.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public bool IsClosedAt(DateTimeOffset now) => End <= now;
}
