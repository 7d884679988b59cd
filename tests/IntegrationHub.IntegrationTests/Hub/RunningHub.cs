using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Hub;

/// <summary>
/// The real hub on Kestrel at a loopback port, against a real local stack, with the whole token pipeline on: the
/// development issuer, keyed from a folder of the test's own. Each instance gets its own tables and containers
/// (a random prefix), so tests sharing a stack never see each other's rows.
/// </summary>
public sealed class RunningHub : IAsyncDisposable
{
    public const string Instance = "https://login.dev.integrationhub.local/";
    public const string TenantId = "25000000-0000-4000-8000-000000000000";
    public const string Audience = "api://integrationhub-test";

    private readonly string _keyFolder;
    private readonly SenderRegistry _registry = SenderRegistry.Load(Path.Combine(Samples.Root, "contracts", "registry", "senders.json"));

    private RunningHub(WebApplication app, string tablePrefix, string containerPrefix, string keyFolder)
    {
        App = app;
        TablePrefix = tablePrefix;
        ContainerPrefix = containerPrefix;
        _keyFolder = keyFolder;
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
        var keyFolder = Path.Combine(Path.GetTempPath(), "hub-issuer-" + id);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--Hub:DevelopmentIssuer:Enabled=true",
            $"--Hub:DevelopmentIssuer:KeyPath={keyFolder}",
            $"--AzureAd:Instance={Instance}",
            $"--AzureAd:TenantId={TenantId}",
            "--AzureAd:ClientId=25000000-0000-4000-8000-0000000000aa",
            $"--AzureAd:Audience={Audience}",
            "--Hub:Messaging:DeclareTopology=false",
            "--Hub:DisableTimers=true",
            "--Hub:Health:CacheDuration=00:00:01",
            $"--Hub:Storage:ConnectionString={stack.StorageConnectionString}",
            $"--Hub:Storage:TablePrefix={tablePrefix}",
            $"--Hub:Storage:ContainerPrefix={containerPrefix}",
            $"--Hub:Messaging:Endpoint={stack.AmqpUrl}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var app = HubApplication.Build(args);
        await app.StartAsync();
        var hub = new RunningHub(app, tablePrefix, containerPrefix, keyFolder);
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

    /// <summary>A token of the registered application <paramref name="application"/> (e.g. edu-sector-db, ioc-reader) with <paramref name="roles"/>.</summary>
    public string Token(string application, params string[] roles)
    {
        using var key = DevelopmentIssuerKey.LoadSigningKey(_keyFolder);
        var clientId = _registry.FindByName(application)?.ClientId ?? throw new ArgumentException($"no application {application} in the registry");
        return new DevelopmentTokenIssuer(key).Issue(DevelopmentTokenIssuer.IssuerFor(Instance, TenantId), Audience, TenantId, clientId, roles,
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    }

    /// <summary>A token of the feed's owner application with the feed's publish role.</summary>
    public string PublisherToken(string feedId)
    {
        var catalogue = App.Services.GetRequiredService<IntegrationHub.Core.Contracts.FeedCatalogue>();
        var feed = catalogue.Find(feedId) ?? throw new ArgumentException(feedId);
        var owner = _registry.Applications.First(a => a.Sources.Intersect(feed.Sources).Any());
        return Token(owner.Name, feed.PublishRole);
    }

    /// <summary>A client of an operator (<c>Hub.Admin</c>): sees the health checks' details and the dead letters.</summary>
    public HttpClient AdminClient()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("ioc-reader", HubRoles.Admin));
        return client;
    }

    /// <summary>A client that reads every feed: the IOC's role <c>Snapshots.Read</c> and the restricted feeds' own read roles.</summary>
    public HttpClient ReaderClient()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("ioc-reader", ReadAllRoles()));
        return client;
    }

    /// <summary><c>Snapshots.Read</c> and <c>Snapshots.Read.&lt;feedId&gt;</c> of every restricted feed: all records of the catalogue.</summary>
    public string[] ReadAllRoles() =>
        App.Services.GetRequiredService<IntegrationHub.Core.Contracts.FeedCatalogue>().Feeds
            .Select(f => IntegrationHub.Core.Contracts.FeedClassification.RecordReadRole(f)).Distinct(StringComparer.Ordinal).ToArray();

    public async Task<HttpResponseMessage> PostAsync(string feedId, string body, string contentType = "application/cloudevents+json", string? token = null)
    {
        token ??= PublisherToken(feedId);
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
        if (Directory.Exists(_keyFolder))
        {
            Directory.Delete(_keyFolder, recursive: true);
        }
    }
}
