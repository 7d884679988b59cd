using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Reports;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Reports;

/// <summary>Hand-made report inputs: the week of 19 to 26 November 2026 (province time), indicators and buckets as a test needs them.</summary>
public static class ReportFixtures
{
    public const string Dossiers = "pubsvc.dossier-status";
    public const string Schools = "edu.school-status";

    public static readonly ProvinceTime Time = new(TimeSpan.FromHours(7));

    public static readonly ReportPeriod Week = new(ReportKind.Weekly,
        new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(7)));

    public static ReportScope Scope(string code) => ReportScope.All(Support.Contracts.Catalogue).Single(s => s.Code == code);

    public static ReportBuilder Builder(DateTimeOffset? now = null) =>
        new([new RejectionsReportSection(), new IndicatorsReportSection(), new TrendsReportSection()], new ValidationOptions(),
            SampleTime.Clock(now ?? Week.End.AddHours(10)));

    public static Indicator Indicator(string id, double? value, long numerator = 0, long denominator = 0, string status = IndicatorStatus.Computed,
        string[]? feeds = null, LocalizedText? name = null, double? target = null, string targetStatus = TargetStatus.NoTarget,
        IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>? breakdowns = null) =>
        new(id, name ?? new LocalizedText("Chỉ tiêu " + id, "Indicator " + id), new LocalizedText("a/b", "a/b"), value, numerator, denominator,
            target, target is null ? null : 2025, feeds ?? [Dossiers], breakdowns ?? new Dictionary<string, IReadOnlyList<BreakdownRow>>(), [], null)
        {
            Status = status,
            TargetStatus = targetStatus,
            UnavailableReason = status == IndicatorStatus.Unavailable ? new LocalizedText("Thiếu danh mục", "The catalogue is missing") : null,
            ProxyNote = status == IndicatorStatus.Proxy ? new LocalizedText("Ước tính", "An approximation") : null,
        };

    public static IndicatorReport Report(DateTimeOffset at, params Indicator[] indicators) => new(at, "25", 30, indicators);

    public static HourBucket Bucket(DateTimeOffset hour, long accepted, long rejected, params RejectionReason[] reasons) =>
        new(hour, accepted, rejected, 0, reasons);

    public static ReportData Empty() => new(Week, null, null, [], new Dictionary<string, IReadOnlyList<HourBucket>>());
}
