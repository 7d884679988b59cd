using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.Tests.Hosting;

/// <summary>
/// The real app on Kestrel at a loopback port, with storage and broker pointed at closed ports: enough to test routing,
/// the Functions protocol and refusals, which never need storage.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private TestHub(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri BaseAddress => new(App.Urls.First());

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<TestHub> StartAsync(params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Hub:DisableTimers=true",
            $"--Hub:Storage:ConnectionString={Azurite.ConnectionString(9)}",
            "--Hub:Messaging:Endpoint=amqp://guest:guest@127.0.0.1:9",
            "--AzureAd:Instance=https://login.microsoftonline.com/",
            "--AzureAd:TenantId=25000000-0000-4000-8000-000000000000",
            "--AzureAd:ClientId=25000000-0000-4000-8000-000000000001",
            $"--Hub:SenderRegistryPath={Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json")}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var app = HubApplication.Build(args);
        await app.StartAsync();
        return new TestHub(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
