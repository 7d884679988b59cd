using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.Functions.Tests.Hosting;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// One hub for the authentication tests, in Development with the development issuer enabled on a key folder that does not
/// exist yet (so the start creates it), and the development sender registry. Tokens are signed with that folder's key.
/// </summary>
public sealed class AuthHubFixture : IAsyncLifetime
{
    public const string EduFeed = "edu.school-status";
    public const string EduSource = "urn:lgsp:25:000.00.11.H25:csdl-giao-duc";
    public const string HealthFeed = "health.facility-interop";
    public const string HealthSource = "urn:lgsp:25:000.00.12.H25:lien-thong-y-te";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "hub-auth-" + Guid.NewGuid().ToString("N"));
    private InProcessHub? _hub;
    private DevelopmentIssuerKey? _key;

    public string KeyFolder => Path.Combine(_temp, "issuer");

    public bool KeyFolderExistedBeforeStart { get; private set; }

    internal InProcessHub Hub => _hub ?? throw new InvalidOperationException("not started");

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public DevelopmentIssuerKey Key => _key ?? throw new InvalidOperationException("not started");

    public SenderRegistry Registry { get; } = SenderRegistry.Load(Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json"));

    public async Task InitializeAsync()
    {
        KeyFolderExistedBeforeStart = Directory.Exists(KeyFolder);
        var settings = HubSettings.WithoutBackends();
        settings["Hub:DevelopmentIssuer:Enabled"] = "true";
        settings["Hub:DevelopmentIssuer:KeyPath"] = KeyFolder;
        _hub = await InProcessHub.StartAsync("Development", settings);
        Client.BaseAddress = _hub.Address;
        _key = DevelopmentIssuerKey.LoadSigningKey(KeyFolder);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        _key?.Dispose();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        Directory.Delete(_temp, recursive: true);
    }

    public string ClientIdOf(string application) => Registry.FindByName(application)?.ClientId ?? throw new ArgumentException(application);

    /// <summary>The claims of a valid token of <paramref name="application"/> (a registry name) holding <paramref name="roles"/>.</summary>
    public JsonObject Claims(string application, params string[] roles) =>
        DevelopmentTokenIssuer.AppOnlyClaims(HubSettings.Issuer, HubSettings.ClientId, HubSettings.TenantId, ClientIdOf(application), roles,
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public string Token(string application, params string[] roles) => Sign(Claims(application, roles));

    public string Sign(JsonObject claims) => new DevelopmentTokenIssuer(Key).Sign(claims);

    public Task<HttpResponseMessage> PublishAsync(string feedId, string? token, params string[] sources)
    {
        var events = new JsonArray(sources.Select(s => (JsonNode)Event(feedId, s)).ToArray());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/events")
        {
            Content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/cloudevents-batch+json"),
        };
        return SendAsync(request, token);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    private static JsonObject Event(string feedId, string source) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = feedId + ".v1",
        ["source"] = source,
        ["id"] = Guid.NewGuid().ToString(),
        ["time"] = "2026-11-18T07:00:00+07:00",
        ["datacontenttype"] = "application/json",
        ["data"] = new JsonObject(),
    };
}
