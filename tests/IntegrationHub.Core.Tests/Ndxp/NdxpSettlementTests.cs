using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Tests.Ndxp;

/// <summary>The settlement decision table of docs/ndxp.md, row by row.</summary>
public sealed class NdxpSettlementTests
{
    private static readonly NdxpOptions Options = new() { MaxDeliveries = 5, BackoffBase = TimeSpan.FromSeconds(2), BackoffMax = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    public void A_2xx_completes(int status)
    {
        var settlement = NdxpSettlement.Decide(new NdxpAttempt(status, null, null), 1, false, Options);

        Assert.Equal(NdxpSettlementAction.Complete, settlement.Action);
        Assert.Null(settlement.Pause);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(406)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(411)]
    [InlineData(413)]
    [InlineData(414)]
    [InlineData(415)]
    [InlineData(422)]
    public void A_permanent_4xx_dead_letters_at_once_with_PermanentFailure_and_the_status(int status)
    {
        var settlement = NdxpSettlement.Decide(new NdxpAttempt(status, null, null), 1, false, Options);

        Assert.Equal(NdxpSettlementAction.DeadLetter, settlement.Action);
        Assert.Equal(NdxpSettlement.PermanentFailure, settlement.Reason);
        Assert.Equal($"HTTP {status}", settlement.Description);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(418)]
    [InlineData(302)]
    public void A_transient_status_abandons_and_pauses_the_feed_by_the_backoff(int status)
    {
        var settlement = NdxpSettlement.Decide(new NdxpAttempt(status, null, null), 3, false, Options);

        Assert.Equal(NdxpSettlementAction.Abandon, settlement.Action);
        Assert.Equal(TimeSpan.FromSeconds(8), settlement.Pause);
    }

    [Fact]
    public void A_timeout_abandons()
    {
        var settlement = NdxpSettlement.Decide(new NdxpAttempt(null, null, "timeout"), 1, false, Options);

        Assert.Equal(NdxpSettlementAction.Abandon, settlement.Action);
        Assert.Equal("timeout", settlement.Description);
        Assert.Equal(TimeSpan.FromSeconds(2), settlement.Pause);
    }

    [Fact]
    public void Retry_After_sets_the_pause_and_is_capped_at_BackoffMax()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), NdxpSettlement.Decide(new NdxpAttempt(429, TimeSpan.FromSeconds(7), null), 1, false, Options).Pause);
        Assert.Equal(TimeSpan.FromSeconds(60), NdxpSettlement.Decide(new NdxpAttempt(503, TimeSpan.FromHours(2), null), 1, false, Options).Pause);
    }

    [Fact]
    public void The_backoff_doubles_per_delivery_up_to_BackoffMax()
    {
        var pauses = Enumerable.Range(1, 8).Select(n => NdxpSettlement.Backoff(null, n, Options).TotalSeconds).ToArray();

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60], pauses);
    }

    [Fact]
    public void A_transient_failure_on_the_last_allowed_delivery_dead_letters_with_MaxDeliveryCountExceeded()
    {
        var settlement = NdxpSettlement.Decide(new NdxpAttempt(503, null, null), 5, false, Options);

        Assert.Equal(NdxpSettlementAction.DeadLetter, settlement.Action);
        Assert.Equal(NdxpSettlement.MaxDeliveryCountExceeded, settlement.Reason);
        Assert.Contains("HTTP 503 on delivery 5 of 5", settlement.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_401_refreshes_the_token_once_then_abandons()
    {
        Assert.Equal(NdxpSettlementAction.RefreshTokenAndRetry, NdxpSettlement.Decide(new NdxpAttempt(401, null, null), 1, false, Options).Action);
        Assert.Equal(NdxpSettlementAction.Abandon, NdxpSettlement.Decide(new NdxpAttempt(401, null, null), 1, true, Options).Action);
    }

    [Fact]
    public void The_permanent_statuses_are_configuration()
    {
        var options = new NdxpOptions { PermanentStatusCodes = [409] };

        Assert.Equal(NdxpSettlementAction.Abandon, NdxpSettlement.Decide(new NdxpAttempt(400, null, null), 1, false, options).Action);
        Assert.Equal(NdxpSettlementAction.DeadLetter, NdxpSettlement.Decide(new NdxpAttempt(409, null, null), 1, false, options).Action);
    }

    [Fact]
    public void Options_refuse_plain_http_to_a_remote_host_and_a_budget_over_the_schedule()
    {
        Assert.False(new NdxpOptions { Endpoint = "http://ndxp.example.gov.vn/events" }.IsValid(out var problem));
        Assert.Contains("Hub:Ndxp:Endpoint", problem, StringComparison.Ordinal);
        Assert.True(new NdxpOptions { Endpoint = "http://127.0.0.1:7090/events" }.IsValid(out _));
        Assert.False(new NdxpOptions { RunBudget = TimeSpan.FromSeconds(14) }.IsValid(out problem));
        Assert.Contains("RunBudget", problem, StringComparison.Ordinal);
        Assert.False(new NdxpOptions { Endpoint = "https://ndxp.example/e", TokenEndpoint = "https://ndxp.example/token" }.IsValid(out problem));
        Assert.Contains("ClientSecret", problem, StringComparison.Ordinal);
    }
}
