using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Each indicator's trend over the period, from the hourly points the freshness monitor stored: a chart and the number of points,
/// lowest and highest. Hours without a stored value are left out, never filled in; an unavailable indicator has no chart.
/// </summary>
public sealed class TrendsReportSection : IReportSection
{
    public const string Id = "trends";

    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("indicator_id", new("Mã", "Id")),
        new("name", new("Chỉ tiêu", "Indicator"), Localized: true),
        new("points", new("Số điểm", "Points"), Numeric: true),
        new("min", new("Thấp nhất", "Lowest"), Numeric: true),
        new("max", new("Cao nhất", "Highest"), Numeric: true),
    ];

    public int Order => 200;

    public Task<ReportSection> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        var byIndicator = context.Data.Points
            .Where(p => p.Value is not null && p.Hour >= period.Start && p.Hour < period.End)
            .GroupBy(p => p.IndicatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Hour).Select(p => new TrendPoint(p.Hour, p.Value)).ToArray(), StringComparer.Ordinal);
        var rows = new List<ReportRow>();
        var charts = new List<ReportChart>();
        foreach (var indicator in context.Indicators.Where(i => i.Status != IndicatorStatus.Unavailable))
        {
            var points = byIndicator.GetValueOrDefault(indicator.Id) ?? [];
            rows.Add(new ReportRow(
            [
                new(indicator.Id),
                new(indicator.Name.Vi, indicator.Name.En),
                new(ReportNumbers.Format(points.Length)),
                new(ReportNumbers.Format(points.Length == 0 ? null : points.Min(p => p.Value))),
                new(ReportNumbers.Format(points.Length == 0 ? null : points.Max(p => p.Value))),
            ]));
            charts.Add(new ReportChart(indicator.Id, new LocalizedText($"{indicator.Id} {indicator.Name.Vi}", $"{indicator.Id} {indicator.Name.En}"),
                indicator.Unit, period.Start, period.End, points, indicator.Target));
        }

        return Task.FromResult(new ReportSection(Id, new LocalizedText("Xu hướng trong kỳ", "Trends over the period"), Columns, rows, charts,
            new LocalizedText("Không có chỉ tiêu nào để vẽ xu hướng.", "No indicator to chart.")));
    }
}
