using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>The dashboard's files and settings: anonymous, at /ioc/ standalone and at /api/ioc/ for the Functions host.</summary>
[Collection(StackCollection.Name)]
public sealed class DashboardHostingTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData("/ioc")]
    [InlineData("/api/ioc")]
    public async Task The_page_is_served_as_a_folder_without_a_token(string path)
    {
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
        var config = JsonNode.Parse(await client.GetStringAsync("/api/ioc/config"))!;
        using var outside = await client.GetAsync("/api/ioc/..%2F..%2Fappsettings.json");

        Assert.Equal("none", (string?)config["auth"]!["mode"]);
        Assert.Equal(15, (int)config["refreshSeconds"]!);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}
