using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

public sealed class CbsRefreshScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CbsAuthorizationOptions Defaults = new();

    [Fact]
    public void A_thirty_minute_token_is_refreshed_seven_minutes_and_the_jitter_before_expiry()
    {
        var delay = CbsChannel.RefreshDelay(Now.AddMinutes(30), Now, TimeSpan.FromSeconds(20), Defaults);

        Assert.Equal(TimeSpan.FromMinutes(23) - TimeSpan.FromSeconds(20), delay);
    }

    [Fact]
    public void A_token_expiring_within_the_buffer_waits_the_minimum_interval()
    {
        var delay = CbsChannel.RefreshDelay(Now.AddMinutes(8), Now, TimeSpan.Zero, Defaults);

        Assert.Equal(TimeSpan.FromMinutes(3), delay);
    }

    [Fact]
    public void A_token_shorter_lived_than_the_minimum_interval_is_refreshed_halfway()
    {
        var delay = CbsChannel.RefreshDelay(Now.AddMinutes(2), Now, TimeSpan.Zero, Defaults);

        Assert.Equal(TimeSpan.FromMinutes(1), delay);
    }

    [Fact]
    public void An_already_expired_token_waits_the_minimum_interval_instead_of_spinning()
    {
        var delay = CbsChannel.RefreshDelay(Now.AddMinutes(-1), Now, TimeSpan.Zero, Defaults);

        Assert.Equal(TimeSpan.FromMinutes(3), delay);
    }

    [Fact]
    public void A_very_long_lived_token_is_refreshed_within_the_timer_limit()
    {
        var delay = CbsChannel.RefreshDelay(Now.AddDays(365), Now, TimeSpan.Zero, Defaults);

        Assert.Equal(TimeSpan.FromDays(49), delay);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(100, 60)]
    public void Retry_delays_double_up_to_the_maximum(int attempt, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CbsChannel.RetryDelay(attempt, Defaults));
    }

    [Fact]
    public void Options_validation_names_the_setting()
    {
        var options = new CbsAuthorizationOptions { MinimumRefreshInterval = TimeSpan.Zero };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Contains("CbsAuthorizationOptions.MinimumRefreshInterval", exception.Message, StringComparison.Ordinal);
    }
}
