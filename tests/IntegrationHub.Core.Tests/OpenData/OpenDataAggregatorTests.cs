using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.OpenData;

namespace IntegrationHub.Core.Tests.OpenData;

/// <summary>The per-commune aggregation of a public feed and its CSV form (RFC 4180), on hand-made snapshot entries.</summary>
public sealed class OpenDataAggregatorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Groups_by_commune_and_dimension_counts_entities_and_computes_the_listed_statistics()
    {
        var feed = Support.Contracts.Catalogue.Find("env.observation")!;
        var table = OpenDataAggregator.Aggregate(feed,
        [
            Entry("04795", new { parameterCode = "PM2_5", value = 10.5, alertLevel = 0, stationCode = "KK-1" }, At),
            Entry("04795", new { parameterCode = "PM2_5", value = 20, alertLevel = 2, stationCode = "KK-2" }, At.AddHours(1)),
            Entry("04795", new { parameterCode = "RAIN_MM", value = 3, alertLevel = 1, stationCode = "KK-3" }, At),
            Entry("_", new { parameterCode = "PM2_5", value = 99, alertLevel = 5, stationCode = "KK-4" }, At),
        ], Support.Contracts.AdminUnits);

        Assert.Equal(["commune", "communeName", "parameterCode", "entities", "value_min", "value_mean", "value_max", "alertLevel_max"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        var pm = table.Rows[0];
        Assert.Equal(("04795", "PM2_5", 2L), (pm.Commune, pm.Dimensions[0], pm.Entities));
        Assert.Equal([10.5m, 15.25m, 20m, 2m], pm.Statistics);
        Assert.Equal("Phường Hoà Bình", pm.CommuneName);
        Assert.Equal(1, table.Skipped);
        Assert.Equal((At, At.AddHours(1)), (table.TemporalStart, table.TemporalEnd));
    }

    [Fact]
    public void The_csv_has_a_header_crlf_records_and_quotes_fields_with_commas_or_quotes()
    {
        var feed = Support.Contracts.Catalogue.Find("culture.heritage-tourism")!;
        var table = OpenDataAggregator.Aggregate(feed,
            [Entry("04795", new { siteType = "DI_TICH", visitorsDomestic = 100, visitorsInternational = 3 }, At)], Support.Contracts.AdminUnits);
        var quoted = table with { Rows = [table.Rows[0] with { CommuneName = "Xã \"A\", B" }] };

        var csv = Encoding.UTF8.GetString(OpenDataCsv.Write(quoted));

        Assert.Equal(
            "commune,communeName,siteType,entities,visitorsDomestic_sum,visitorsDomestic_mean,visitorsInternational_sum,visitorsInternational_mean\r\n" +
            "04795,\"Xã \"\"A\"\", B\",DI_TICH,1,100,100,3,3\r\n",
            csv);
        Assert.NotEqual(0xEF, OpenDataCsv.Write(quoted)[0]); // no byte order mark
    }

    private static SnapshotIndexEntry Entry(string commune, object data, DateTimeOffset time) =>
        new("env.observation", Guid.NewGuid().ToString(), commune, Guid.NewGuid().ToString(), time, time, 1, JsonSerializer.SerializeToUtf8Bytes(data));
}
