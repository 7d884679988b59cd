using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Data completeness of the scope's feeds over the period (docs/completeness.md): per feed, the reporting periods that began in
/// it, on time, late and missing, judged when the report is made (a period not yet due then counts nowhere), and its state;
/// read once per period with the rest of <see cref="ReportData"/>.
/// </summary>
public sealed class CompletenessReportSection(FeedCatalogue catalogue) : IReportSection
{
    public const string Id = "completeness";

    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("feed_id", new("Luồng dữ liệu", "Feed")),
        new("cadence", new("Chu kỳ", "Cadence")),
        new("periods_expected", new("Kỳ phải gửi", "Periods due"), Numeric: true),
        new("on_time", new("Đúng hạn", "On time"), Numeric: true),
        new("late", new("Muộn", "Late"), Numeric: true),
        new("missing", new("Thiếu", "Missing"), Numeric: true),
        new("state", new("Trạng thái", "State"), Localized: true),
    ];

    private static readonly Dictionary<string, LocalizedText> States = new(StringComparer.Ordinal)
    {
        [CompletenessState.OnTime] = new("Đúng hạn", "On time"),
        [CompletenessState.Late] = new("Muộn", "Late"),
        [CompletenessState.Missing] = new("Thiếu", "Missing"),
        [CompletenessState.Silent] = new("Ngừng gửi", "Silent"),
        [CompletenessState.Unknown] = new("Chưa rõ", "Unknown"),
    };

    public int Order => 300;

    public Task<ReportSection> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var rows = new List<ReportRow>();
        foreach (var feedId in context.Scope.FeedIds)
        {
            if (catalogue.Find(feedId) is not { } feed || context.Data.Completeness.GetValueOrDefault(feedId) is not { } summary)
            {
                continue;
            }

            var state = States.GetValueOrDefault(summary.State) ?? States[CompletenessState.Unknown];
            rows.Add(new ReportRow([new(feed.Id), new(feed.CadenceText), new(ReportNumbers.Format(summary.PeriodsExpected)), new(ReportNumbers.Format(summary.OnTime)),
                new(ReportNumbers.Format(summary.Late)), new(ReportNumbers.Format(summary.Missing)), new(state.Vi, state.En)]));
        }

        return Task.FromResult(new ReportSection(Id, new LocalizedText("Mức đầy đủ dữ liệu", "Data completeness"), Columns, rows, [],
            new LocalizedText("Không có số liệu về mức đầy đủ của các luồng trong phạm vi này.", "No completeness figures for this scope's feeds."))
        {
            Note = new LocalizedText(
                "Kỳ báo cáo của từng luồng theo chu kỳ trong danh mục; hạn gửi là cuối kỳ cộng thời gian gia hạn. Kỳ chưa đến hạn khi lập báo cáo không được tính.",
                "Each feed's reporting periods follow its catalogue cadence; a period is due at its end plus the grace. Periods not yet due when the report was made are not counted."),
        });
    }
}
