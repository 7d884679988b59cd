using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// The indicators against their targets, as computed at the period's end (the as-of path), with the change since the period's
/// start where both values exist; a department's report shows the department's own row where the indicator breaks down by
/// department. An unavailable indicator shows its reason and never a number; a proxy shows its note beside its value.
/// </summary>
public sealed class IndicatorsReportSection : IReportSection
{
    public const string Id = "indicators";

    private const string DepartmentBreakdown = "department";

    private static readonly LocalizedText NoData = new("Không có dữ liệu", "No data");

    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("indicator_id", new("Mã", "Id")),
        new("name", new("Chỉ tiêu", "Indicator"), Localized: true),
        new("status", new("Tình trạng", "Status"), Localized: true),
        new("value", new("Giá trị", "Value"), Numeric: true),
        new("unit", new("Đơn vị", "Unit")),
        new("numerator", new("Tử số", "Numerator"), Numeric: true),
        new("denominator", new("Mẫu số", "Denominator"), Numeric: true),
        new("target", new("Mục tiêu", "Target"), Numeric: true),
        new("target_year", new("Năm mục tiêu", "Target year"), Numeric: true),
        new("target_status", new("So với mục tiêu", "Against target"), Localized: true),
        new("value_at_start", new("Giá trị đầu kỳ", "Value at period start"), Numeric: true),
        new("change", new("Thay đổi", "Change"), Numeric: true),
        new("note", new("Ghi chú", "Note"), Localized: true),
    ];

    public int Order => 100;

    public Task<ReportSection> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var atStart = context.Data.AtStart?.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal) ?? [];
        var rows = context.Indicators.Select(i => Row(ForScope(i, context.Scope), atStart.GetValueOrDefault(i.Id) is { } s ? ForScope(s, context.Scope) : null)).ToArray();
        var section = new ReportSection(Id, new LocalizedText("Chỉ tiêu so với mục tiêu", "Indicators against targets"), Columns, rows, [],
            context.Data.AtEnd is null
                ? new LocalizedText("Không tính được chỉ tiêu tại cuối kỳ.", "The indicators could not be computed at the end of the period.")
                : new LocalizedText("Không có chỉ tiêu nào dùng dữ liệu của đơn vị này.", "No indicator uses this department's data."))
        {
            Note = new LocalizedText("Giá trị tại thời điểm cuối kỳ; thay đổi so với đầu kỳ.", "Values at the end of the period; change since its start."),
        };
        return Task.FromResult(section);
    }

    private static ReportRow Row(Indicator indicator, Indicator? start)
    {
        var unavailable = indicator.Status == IndicatorStatus.Unavailable;
        var value = unavailable ? null : indicator.Value;
        var startValue = start is null || start.Status == IndicatorStatus.Unavailable ? null : start.Value;
        var note = unavailable ? indicator.UnavailableReason ?? NoData
            : indicator.Status == IndicatorStatus.Proxy ? indicator.ProxyNote
            : value is null ? NoData
            : null;
        return new ReportRow(
        [
            new(indicator.Id),
            new(indicator.Name.Vi, indicator.Name.En),
            Status(indicator.Status),
            new(ReportNumbers.Format(value)),
            new(indicator.Unit),
            new(unavailable ? "" : ReportNumbers.Format(indicator.Numerator)),
            new(unavailable ? "" : ReportNumbers.Format(indicator.Denominator)),
            new(ReportNumbers.Format(indicator.Target)),
            new(indicator.TargetYear is { } year ? ReportNumbers.Format(year) : ""),
            TargetStatus(indicator.TargetStatus),
            new(ReportNumbers.Format(startValue)),
            new(value is { } end && startValue is { } begin ? ReportNumbers.Change(end - begin) : ""),
            note is null ? ReportCell.Empty : new(note.Vi, note.En),
        ]);
    }

    /// <summary>
    /// For a department, the indicator's own row of its <c>department</c> breakdown where it has one (its value, inputs and status
    /// against the same target, by the calculator's rule <see cref="Ioc.Indicators.TargetStatus.Of"/>); otherwise the province's value.
    /// </summary>
    public static Indicator ForScope(Indicator indicator, ReportScope scope)
    {
        if (scope.IsProvince || indicator.Status == IndicatorStatus.Unavailable
            || !indicator.Breakdowns.TryGetValue(DepartmentBreakdown, out var rows) || rows.FirstOrDefault(r => r.Key == scope.Code) is not { } row)
        {
            return indicator;
        }

        return indicator with
        {
            Value = row.Value,
            Numerator = row.Numerator,
            Denominator = row.Denominator,
            TargetStatus = Ioc.Indicators.TargetStatus.Of(indicator.Target, row.Value),
        };
    }

    private static ReportCell Status(string status) => status switch
    {
        IndicatorStatus.Computed => new("Đã tính", "Computed"),
        IndicatorStatus.Proxy => new("Chỉ số thay thế", "Proxy"),
        _ => new("Không có sẵn", "Unavailable"),
    };

    private static ReportCell TargetStatus(string status) => status switch
    {
        Ioc.Indicators.TargetStatus.Met => new("Đạt", "Met"),
        Ioc.Indicators.TargetStatus.NotMet => new("Chưa đạt", "Not met"),
        Ioc.Indicators.TargetStatus.NoTarget => new("Không có mục tiêu", "No target"),
        _ => new("Không có sẵn", "Unavailable"),
    };
}
