using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>The dashboard's files and settings: anonymous, under /ioc/; the query API behind them needs the reader role.</summary>
[Collection(StackCollection.Name)]
public sealed class DashboardHostingTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_page_is_served_as_a_folder_without_a_token()
    {
        const string path = "/ioc";
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _hub.BaseAddress };
        using var redirect = await client.GetAsync(path);
        using var page = await client.GetAsync(path + "/");
        using var script = await client.GetAsync(path + "/ioc.js");

        Assert.True(redirect.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, $"{path}: {redirect.StatusCode}");
        Assert.EndsWith(path + "/", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-i18n=\"kpis\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Settings_say_how_to_get_a_token_and_files_outside_the_page_are_not_served()
    {
        using var client = _hub.Client();
        var config = JsonNode.Parse(await client.GetStringAsync("/ioc/config.json"))!;
        using var outside = await client.GetAsync("/ioc/..%2F..%2Fappsettings.json");

        Assert.Equal("development", (string?)config["auth"]!["mode"]);
        Assert.Equal(15, (int)config["refreshSeconds"]!);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Theory]
    [InlineData("/api/indicators")]
    [InlineData("/api/feeds/status")]
    [InlineData("/api/snapshots/land.parcel-record")]
    [InlineData("/api/snapshots/land.parcel-record/04795-1-1/history")]
    public async Task The_query_api_needs_the_snapshots_read_role(string path)
    {
        using var anonymous = _hub.Client();
        using var publisher = _hub.Client();
        publisher.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _hub.PublisherToken("land.parcel-record"));

        using var withoutToken = await anonymous.GetAsync(path);
        using var withoutRole = await publisher.GetAsync(path);
        using var reader = _hub.ReaderClient();
        using var allowed = await reader.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task In_development_the_page_gets_a_reader_token_that_the_query_api_accepts()
    {
        using var client = _hub.Client();
        var issued = JsonNode.Parse(await client.GetStringAsync("/ioc/dev-token"))!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (string)issued["access_token"]!);
        using var indicators = await client.GetAsync("/api/indicators");
        using var ingest = await client.PostAsync("/api/feeds/land.parcel-record/events", new StringContent("{}", System.Text.Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(1800, (int)issued["expires_in"]!);
        Assert.Equal(HttpStatusCode.OK, indicators.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode); // a reader publishes nothing
    }

    [Fact]
    public async Task Without_the_development_issuer_there_is_no_development_token()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack, "--Hub:DevelopmentIssuer:Enabled=false");
        using var client = hub.Client();
        using var token = await client.GetAsync("/ioc/dev-token");
        var config = JsonNode.Parse(await client.GetStringAsync("/ioc/config.json"))!;

        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Equal("none", (string?)config["auth"]!["mode"]);
    }
}
