using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// The most frequent rejection reasons of the scope's feeds over the period, summed from the feeds' hourly buckets: where in the
/// record (a JSON Pointer), what, and how many times.
/// </summary>
public sealed class RejectionsReportSection : IReportSection
{
    public const string Id = "rejections";
    public const int Top = 10;

    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("feed_id", new("Luồng dữ liệu", "Feed")),
        new("pointer", new("Vị trí", "Pointer")),
        new("reason", new("Lý do", "Reason")),
        new("count", new("Số lần", "Count"), Numeric: true),
    ];

    public int Order => 400;

    public Task<ReportSection> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        var buckets = context.Scope.FeedIds
            .SelectMany(feed => (context.Data.Buckets.GetValueOrDefault(feed) ?? []).Where(b => b.Hour >= period.Start && b.Hour < period.End)
                .Select(b => (Feed: feed, Bucket: b)))
            .ToArray();
        var accepted = buckets.Sum(b => b.Bucket.Accepted);
        var rejected = buckets.Sum(b => b.Bucket.Rejected);
        var rows = buckets
            .SelectMany(b => b.Bucket.Reasons.Select(r => (b.Feed, r.Pointer, r.Reason, r.Count)))
            .GroupBy(r => (r.Feed, r.Pointer, r.Reason))
            .Select(g => (g.Key.Feed, g.Key.Pointer, g.Key.Reason, Count: g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Feed, StringComparer.Ordinal).ThenBy(r => r.Pointer, StringComparer.Ordinal)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Take(Top)
            .Select(r => new ReportRow([new(r.Feed), new(r.Pointer), new(r.Reason), new(ReportNumbers.Format(r.Count))]))
            .ToArray();
        var total = $"{ReportNumbers.Format(accepted)} / {ReportNumbers.Format(rejected)}";
        return Task.FromResult(new ReportSection(Id, new LocalizedText("Lý do từ chối nhiều nhất", "Top rejection reasons"), Columns, rows, [],
            new LocalizedText("Không có bản ghi nào bị từ chối trong kỳ.", "No record was rejected in the period."))
        {
            Note = new LocalizedText($"Bản ghi được nhận / bị từ chối trong kỳ: {total}.", $"Records accepted / rejected in the period: {total}."),
        });
    }
}
