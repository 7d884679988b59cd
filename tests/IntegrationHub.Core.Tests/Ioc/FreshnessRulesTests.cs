using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Ioc;

public class FreshnessRulesTests
{
    private static readonly DateTimeOffset Now = SampleTime.Now;
    private static readonly Core.Contracts.FeedDefinition Dossiers = Support.Contracts.Catalogue.Find("pubsvc.dossier-status")!; // cadence PT15M

    [Theory]
    [InlineData(0, FeedState.Fresh)]
    [InlineData(22.5 * 60, FeedState.Fresh)]        // exactly 1.5 × cadence: not yet late
    [InlineData(22.5 * 60 + 1, FeedState.Late)]
    [InlineData(45 * 60, FeedState.Late)]           // exactly 3 × cadence: not yet silent
    [InlineData(45 * 60 + 1, FeedState.Silent)]
    public void State_follows_the_time_since_the_last_accepted_event(double secondsAgo, string expected)
    {
        var rules = new FreshnessRules(new IocOptions());
        Assert.Equal(expected, rules.Evaluate(Dossiers, Now.AddSeconds(-secondsAgo), Now));
    }

    [Fact]
    public void A_feed_that_never_sent_is_silent()
    {
        Assert.Equal(FeedState.Silent, new FreshnessRules(new IocOptions()).Evaluate(Dossiers, null, Now));
    }

    [Fact]
    public void Factors_come_from_configuration()
    {
        var rules = new FreshnessRules(new IocOptions { LateFactor = 1.1, SilentFactor = 2 });
        Assert.Equal(FeedState.Late, rules.Evaluate(Dossiers, Now.AddMinutes(-17), Now));
        Assert.Equal(FeedState.Silent, rules.Evaluate(Dossiers, Now.AddMinutes(-31), Now));
    }

    [Fact]
    public void A_cadence_override_replaces_the_catalogue_cadence()
    {
        var options = new IocOptions { CadenceOverrides = { ["pubsvc.dossier-status"] = "PT2S" } };
        var rules = new FreshnessRules(options);
        Assert.Equal(TimeSpan.FromSeconds(2), rules.Cadence(Dossiers));
        Assert.Equal("PT2S", rules.CadenceText(Dossiers));
        Assert.Equal(FeedState.Late, rules.Evaluate(Dossiers, Now.AddSeconds(-4), Now));
    }

    [Theory]
    [InlineData(1.5, 1.5, null)]
    [InlineData(0, 3, null)]
    [InlineData(1.5, 3, "soon")]
    public void Invalid_options_are_refused_with_the_setting_named(double late, double silent, string? overrideText)
    {
        var options = new IocOptions { LateFactor = late, SilentFactor = silent };
        if (overrideText is not null)
        {
            options.CadenceOverrides["edu.school-status"] = overrideText;
        }

        Assert.False(options.IsValid(out var problem));
        Assert.Contains("Hub:Ioc:", problem, StringComparison.Ordinal);
    }
}
