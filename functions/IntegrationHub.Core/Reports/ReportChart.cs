using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>A line chart over the period: the stored points only (none invented), and the target as a reference line.</summary>
public sealed record ReportChart(string Key, LocalizedText Title, string Unit, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<TrendPoint> Points, double? Target);
