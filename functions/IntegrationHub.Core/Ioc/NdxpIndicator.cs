using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// I-02, provincial databases interconnected with the centre (NDXP): datasets flagged for national publication whose
/// <c>ndxp</c> subscription delivered within the window (30 days) ÷ datasets flagged for national publication. Its one
/// input is each flagged feed's last delivery (<see cref="LastDelivered"/>), so any indicator framework can compute it.
/// </summary>
public static class NdxpIndicator
{
    public const string Id = "I-02";

    public static readonly LocalizedText Name = new("Cơ sở dữ liệu của tỉnh kết nối với trung ương (NDXP)", "Provincial DBs interconnected with the centre (NDXP)");

    public static readonly LocalizedText Formula = new(
        "Số bộ dữ liệu được đánh dấu công bố quốc gia có thuê bao ndxp chuyển thành công trong 30 ngày ÷ số bộ dữ liệu được đánh dấu công bố quốc gia",
        "Datasets flagged for national publication whose ndxp subscription delivered in the last 30 days ÷ datasets flagged for national publication");

    /// <summary>The plans' targets (FEEDS.md): Quảng Bình ≥ 50% in 2025 and ≥ 80% in 2030; Hòa Bình item 20, 100% in 2030.</summary>
    public static readonly IReadOnlyList<(int Year, double Value, string Plan)> Targets = [(2025, 50, "QB"), (2030, 80, "QB"), (2030, 100, "HB #20")];

    /// <summary>The last delivery of each flagged feed, from feed status (its <c>ndxp</c> member).</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset?> LastDelivered(FeedStatusReport status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Feeds.Where(f => f.Ndxp is not null).ToDictionary(f => f.FeedId, f => f.Ndxp!.LastDeliveredAt, StringComparer.Ordinal);
    }

    /// <summary>
    /// I-02 at <paramref name="now"/>: every flagged catalogue feed counts in the denominator (one missing from
    /// <paramref name="lastDelivered"/> has never delivered); the default target is Quảng Bình's for 2030, replaced by
    /// <c>Hub:Ioc:Targets:I-02</c>.
    /// </summary>
    public static Indicator Build(FeedCatalogue catalogue, IReadOnlyDictionary<string, DateTimeOffset?> lastDelivered, DateTimeOffset now, IocOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(lastDelivered);
        ArgumentNullException.ThrowIfNull(options);
        var windowStart = now.AddDays(-options.WindowDays);
        var flagged = catalogue.Feeds.Where(f => f.PublishToNdxp).ToList();
        var tally = new RateTally();
        var rows = new List<BreakdownRow>();
        var departments = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var feed in flagged)
        {
            var delivered = lastDelivered.GetValueOrDefault(feed.Id) is { } last && last >= windowStart ? 1 : 0;
            departments[feed.Owner.Code] = feed.Owner.Name;
            tally.Add(delivered, 1, ("department", feed.Owner.Code));
            rows.Add(new BreakdownRow(feed.Id, feed.Title, delivered, 1, delivered * 100, delivered == 1 ? "delivered" : "notDelivered"));
        }

        var (target, year) = options.Targets.TryGetValue(Id, out var configured)
            ? (configured.Value ?? Targets[1].Value, configured.Year ?? Targets[1].Year)
            : (Targets[1].Value, Targets[1].Year);
        var breakdowns = new Dictionary<string, IReadOnlyList<BreakdownRow>>(StringComparer.Ordinal)
        {
            ["feed"] = rows,
            ["department"] = tally.Rows("department", code => departments.GetValueOrDefault(code)),
        };
        return new Indicator(Id, Name, Formula, Rate.Percent(tally.Numerator, tally.Denominator), tally.Numerator, tally.Denominator, target, year,
            flagged.Select(f => f.Id).ToArray(), breakdowns, [], null);
    }
}
