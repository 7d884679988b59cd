using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Computes the indicators from the snapshot index (fed one entry at a time, so a feed of any size streams through)
/// and from feed status. Dossier rates count the dossiers received (<c>data.receivedAt</c>) within the window; health and
/// education rates count each facility's or school's latest report, when it falls (event time) within the window.
/// </summary>
public sealed class IndicatorCalculator
{
    private readonly FeedCatalogue _catalogue;
    private readonly AdminUnitRegistry _adminUnits;
    private readonly IocOptions _options;
    private readonly DateTimeOffset _windowStart;
    private readonly RateTally _online = new();
    private readonly RateTally _paid = new();
    private readonly RateTally _healthBook = new();
    private readonly RateTally _verified = new();
    private readonly RateTally _present = new();
    private readonly RateTally _schoolsOnline = new();

    public IndicatorCalculator(FeedCatalogue catalogue, AdminUnitRegistry adminUnits, IocOptions options, DateTimeOffset now)
    {
        _catalogue = catalogue;
        _adminUnits = adminUnits;
        _options = options;
        _windowStart = now.AddDays(-options.WindowDays);
    }

    /// <summary>The feeds whose snapshots the indicators read.</summary>
    public static IReadOnlyList<string> SnapshotFeeds { get; } = [IndicatorDefinitions.DossierFeed, IndicatorDefinitions.HealthFeed, IndicatorDefinitions.EducationFeed];

    public void Add(SnapshotIndexEntry entry)
    {
        if (entry.Data is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(entry.Data);
        var data = document.RootElement;
        var commune = Text(data, "communeCode");
        switch (entry.FeedId)
        {
            case IndicatorDefinitions.DossierFeed:
                if (Text(data, "receivedAt") is not { } received || !Rfc3339.TryParseDateTime(received, out var receivedAt) || receivedAt < _windowStart)
                {
                    return;
                }

                var agency = Text(data, "handlingAgencyCode");
                var online = Text(data, "channel")?.StartsWith("ONLINE_", StringComparison.Ordinal) == true;
                _online.Add(online ? 1 : 0, 1, ("agency", agency), ("commune", commune));
                if (data.TryGetProperty("paidOnline", out var paid) && paid.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    _paid.Add(paid.ValueKind == JsonValueKind.True ? 1 : 0, 1, ("agency", agency), ("commune", commune));
                }

                break;
            case IndicatorDefinitions.HealthFeed when entry.EventTime >= _windowStart:
                _healthBook.Add(Number(data, "healthBookSyncedVneid"), Number(data, "encounters"), ("commune", commune));
                break;
            case IndicatorDefinitions.EducationFeed when entry.EventTime >= _windowStart:
                var enrolled = Number(data, "studentsEnrolled");
                _verified.Add(Number(data, "studentsIdVerified"), enrolled, ("commune", commune));
                _present.Add(Number(data, "studentsPresent"), enrolled);
                _schoolsOnline.Add(data.TryGetProperty("internetConnected", out var connected) && connected.ValueKind == JsonValueKind.True ? 1 : 0, 1);
                break;
        }
    }

    public IReadOnlyList<Indicator> Build(FeedStatusReport status)
    {
        var departments = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var integrated = new RateTally();
        var fresh = new RateTally();
        var quality = new RateTally();
        var feedRows = new List<BreakdownRow>();
        foreach (var feed in status.Feeds)
        {
            departments[feed.Department.Code] = feed.Department.Name;
            var active = feed.LastEventAt is { } last && last >= _windowStart;
            integrated.Add(active ? 1 : 0, 1, ("department", feed.Department.Code));
            var isFresh = feed.State == FeedState.Fresh;
            fresh.Add(isFresh ? 1 : 0, 1, ("department", feed.Department.Code));
            feedRows.Add(new BreakdownRow(feed.FeedId, feed.Title, isFresh ? 1 : 0, 1, isFresh ? 100 : 0, feed.State));
            var received = feed.Last24Hours.Accepted + feed.Last24Hours.Rejected;
            quality.Add(feed.Last24Hours.Accepted, received, ("department", feed.Department.Code), ("feed", feed.FeedId));
        }

        LocalizedText? Department(string code) => departments.GetValueOrDefault(code);
        LocalizedText? Feed(string id) => _catalogue.Find(id)?.Title;
        LocalizedText? Commune(string code) => _adminUnits.Find(_adminUnits.CurrentVersion, code) is { } unit ? new(unit.CommuneName, unit.CommuneName) : null;
        static LocalizedText? None(string key) => null;

        return
        [
            Make("I-01", integrated, [], ("department", integrated.Rows("department", Department))),
            NdxpIndicator.Build(_catalogue, NdxpIndicator.LastDelivered(status), status.At, _options),
            Make("I-03", fresh, [], ("feed", feedRows), ("department", fresh.Rows("department", Department))),
            Make("I-04", quality, [], ("department", quality.Rows("department", Department)), ("feed", quality.Rows("feed", Feed))) with
            {
                TopRejections = status.Feeds.SelectMany(f => f.TopRejections)
                    .GroupBy(r => (r.Pointer, r.Reason))
                    .Select(g => new RejectionReason(g.Key.Pointer, g.Key.Reason, g.Sum(r => r.Count)))
                    .OrderByDescending(r => r.Count).ThenBy(r => r.Pointer, StringComparer.Ordinal).Take(_options.TopReasons).ToArray(),
            },
            Make("I-05", _online, [IndicatorDefinitions.DossierFeed], ("agency", _online.Rows("agency", None)), ("commune", _online.Rows("commune", Commune))),
            Make("I-07", _paid, [IndicatorDefinitions.DossierFeed], ("agency", _paid.Rows("agency", None)), ("commune", _paid.Rows("commune", Commune))),
            Make("I-12", _healthBook, [IndicatorDefinitions.HealthFeed], ("commune", _healthBook.Rows("commune", Commune))),
            Make("I-14", _verified, [IndicatorDefinitions.EducationFeed], ("commune", _verified.Rows("commune", Commune))) with
            {
                Secondary =
                [
                    new SecondaryValue("attendance", new("Tỷ lệ học sinh đi học", "Attendance rate"), _present.Numerator, _present.Denominator,
                        Rate.Percent(_present.Numerator, _present.Denominator)),
                    new SecondaryValue("schoolsOnline", new("Tỷ lệ trường có kết nối Internet", "Schools connected to the Internet"),
                        _schoolsOnline.Numerator, _schoolsOnline.Denominator, Rate.Percent(_schoolsOnline.Numerator, _schoolsOnline.Denominator)),
                ],
            },
        ];

        Indicator Make(string id, RateTally tally, IReadOnlyList<string> sources, params (string Name, IReadOnlyList<BreakdownRow> Rows)[] breakdowns)
        {
            var definition = IndicatorDefinitions.All.First(d => d.Id == id);
            var (target, year) = IndicatorDefinitions.Target(id, _options);
            return new Indicator(id, definition.Name, definition.Formula, Rate.Percent(tally.Numerator, tally.Denominator), tally.Numerator, tally.Denominator,
                target, year, sources.Count > 0 ? sources : status.Feeds.Select(f => f.FeedId).ToArray(),
                breakdowns.ToDictionary(b => b.Name, b => b.Rows, StringComparer.Ordinal), [], null);
        }
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;
}
