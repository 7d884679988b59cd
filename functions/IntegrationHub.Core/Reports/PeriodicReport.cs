using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>A built report: its id, period, scope and sections in order, before it is rendered.</summary>
public sealed record PeriodicReport(string Id, ReportPeriod Period, ReportScope Scope, string ProvinceCode, DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportSection> Sections)
{
    public LocalizedText Title => Period.Kind == ReportKind.Weekly
        ? new LocalizedText("Báo cáo tuần", "Weekly report")
        : new LocalizedText("Báo cáo tháng", "Monthly report");
}
