using System.Net;
using System.Text;
using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Tests.Ndxp;

/// <summary>The client-credentials token cache on a fake clock, with the token endpoint faked at the HTTP handler.</summary>
public sealed class NdxpTokenCacheTests
{
    private static readonly NdxpOptions Options = new()
    {
        Endpoint = "https://ndxp.example/events",
        TokenEndpoint = "https://ndxp.example/token",
        ClientId = "hub",
        ClientSecret = "not-a-real-secret",
        Scope = "ndxp.publish",
    };

    [Fact]
    public async Task A_token_is_reused_until_a_minute_before_it_expires()
    {
        var clock = SampleTime.Clock();
        var endpoint = new TokenEndpoint(expiresIn: 600);
        using var http = new HttpClient(endpoint);
        var cache = new NdxpTokenCache(Options, http, clock);

        var first = await cache.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(539));
        var reused = await cache.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal(first, reused);
        Assert.Equal("token-2", renewed);
        Assert.Equal(2, endpoint.Requests);
        Assert.Contains("grant_type=client_credentials", endpoint.LastForm, StringComparison.Ordinal);
        Assert.Contains("scope=ndxp.publish", endpoint.LastForm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalidating_the_refused_token_fetches_one_new_token_however_many_callers_refused_it()
    {
        var clock = SampleTime.Clock();
        var endpoint = new TokenEndpoint(expiresIn: 3600);
        using var http = new HttpClient(endpoint);
        var cache = new NdxpTokenCache(Options, http, clock);
        var refused = await cache.GetAsync(CancellationToken.None);

        cache.Invalidate(refused);
        var fresh = await cache.GetAsync(CancellationToken.None);
        cache.Invalidate(refused);
        var again = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("token-2", fresh);
        Assert.Equal(fresh, again);
        Assert.Equal(2, endpoint.Requests);
    }

    [Fact]
    public async Task A_failing_token_endpoint_is_reported_without_its_answer()
    {
        using var http = new HttpClient(new TokenEndpoint(expiresIn: 600, status: HttpStatusCode.Unauthorized));
        var cache = new NdxpTokenCache(Options, http, SampleTime.Clock());

        var e = await Assert.ThrowsAsync<NdxpTokenException>(() => cache.GetAsync(CancellationToken.None));

        Assert.Equal("The token endpoint answered HTTP 401.", e.Message);
    }

    [Fact]
    public async Task Without_a_token_endpoint_no_token_is_sent()
    {
        var endpoint = new TokenEndpoint(expiresIn: 600);
        using var http = new HttpClient(endpoint);
        var cache = new NdxpTokenCache(new NdxpOptions { Endpoint = "https://ndxp.example/events" }, http, SampleTime.Clock());

        Assert.Null(await cache.GetAsync(CancellationToken.None));
        Assert.Equal(0, endpoint.Requests);
    }

    private sealed class TokenEndpoint(int expiresIn, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public int Requests { get; private set; }
        public string LastForm { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastForm = await request.Content!.ReadAsStringAsync(cancellationToken);
            var json = $$"""{"access_token":"token-{{Requests}}","token_type":"Bearer","expires_in":{{expiresIn}}}""";
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
