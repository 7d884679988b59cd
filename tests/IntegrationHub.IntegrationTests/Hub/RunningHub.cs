using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Hub;

/// <summary>
/// The real hub on Kestrel at a loopback port, against a real local stack. Each instance gets its own tables and
/// containers (a random prefix), so tests sharing a stack never see each other's rows.
/// </summary>
public sealed class RunningHub : IAsyncDisposable
{
    private RunningHub(WebApplication app, string tablePrefix, string containerPrefix)
    {
        App = app;
        TablePrefix = tablePrefix;
        ContainerPrefix = containerPrefix;
    }

    public WebApplication App { get; }
    public string TablePrefix { get; }
    public string ContainerPrefix { get; }
    public Uri BaseAddress => new(App.Urls.First());

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<RunningHub> StartAsync(LocalStack stack, params string[] settings)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var tablePrefix = "T" + id;
        var containerPrefix = "t" + id;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Hub:DisableTimers=true",
            $"--Hub:Storage:ConnectionString={stack.StorageConnectionString}",
            $"--Hub:Storage:TablePrefix={tablePrefix}",
            $"--Hub:Storage:ContainerPrefix={containerPrefix}",
            $"--Hub:Messaging:Endpoint={stack.AmqpUrl}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var app = HubApplication.Build(args);
        await app.StartAsync();
        var hub = new RunningHub(app, tablePrefix, containerPrefix);
        await hub.WaitUntilReadyAsync();
        return hub;
    }

    /// <summary>Waits until storage is initialised (tables and containers created).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var readiness = App.Services.GetRequiredService<HubReadiness>();
        for (var i = 0; i < 200 && !readiness.StorageReady; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(readiness.StorageReady, "the hub did not initialise its storage within 20 s");
    }

    public async Task<HttpResponseMessage> PostAsync(string feedId, string body, string contentType = "application/cloudevents+json", string? token = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/events")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
