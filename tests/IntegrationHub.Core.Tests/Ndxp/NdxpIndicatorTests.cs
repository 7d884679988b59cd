using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ndxp;

/// <summary>I-02 from each flagged feed's last delivery.</summary>
public sealed class NdxpIndicatorTests
{
    [Fact]
    public void I02_counts_the_flagged_feeds_delivered_within_30_days_over_every_flagged_feed()
    {
        var catalogue = Support.Contracts.Catalogue;
        var now = SampleTime.Now;
        var flagged = catalogue.Feeds.Where(f => f.PublishToNdxp).Select(f => f.Id).ToList();
        var lastDelivered = new Dictionary<string, DateTimeOffset?>
        {
            ["land.parcel-record"] = now.AddDays(-1),
            ["pubsvc.dossier-status"] = now.AddDays(-31),
            ["edu.school-status"] = now, // not flagged: never counted
        };

        var indicator = NdxpIndicator.Build(catalogue, lastDelivered, now, new IocOptions());

        Assert.Equal("I-02", indicator.Id);
        Assert.Equal(1, indicator.Numerator);
        Assert.Equal(flagged.Count, indicator.Denominator);
        Assert.Equal(Math.Round(100.0 / flagged.Count, 1), indicator.Value!.Value, 1);
        Assert.Equal(80, indicator.Target);
        Assert.Equal(2030, indicator.TargetYear);
        Assert.Equal(flagged.Order(StringComparer.Ordinal), indicator.Breakdowns["feed"].Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal("delivered", indicator.Breakdowns["feed"].Single(r => r.Key == "land.parcel-record").State);
        Assert.Equal("notDelivered", indicator.Breakdowns["feed"].Single(r => r.Key == "pubsvc.dossier-status").State);
    }

    [Fact]
    public void The_I02_target_is_configuration()
    {
        var options = new IocOptions();
        options.Targets["I-02"] = new IndicatorTarget { Value = 100, Year = 2030 };

        var indicator = NdxpIndicator.Build(Support.Contracts.Catalogue, new Dictionary<string, DateTimeOffset?>(), SampleTime.Now, options);

        Assert.Equal(100, indicator.Target);
        Assert.Equal(0, indicator.Numerator);
    }
}
