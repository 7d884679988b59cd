using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Package;

/// <summary>
/// The Azure Functions package as <c>dev/package</c> builds it: unpacked, checked for what the isolated worker needs, and its
/// app started as the local runner (the same dll the Functions host would start as its worker) against the test stack.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FunctionsPackageTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string Zip = Path.Combine(Samples.Root, "dist", "integrationhub-functions.zip");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hub-package-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private int _port;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Zip), $"{Zip} is missing: run dev/package (dev/test does) before these tests");
        ZipFile.ExtractToDirectory(Zip, _folder);

        _port = FreePort();
        var keyFolder = Path.Combine(_folder, ".issuer");
        DevelopmentIssuerKey.LoadPublicKeys(keyFolder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(_folder, "IntegrationHub.Functions.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{_port}");
        var environment = start.Environment;
        environment.Remove("FUNCTIONS_WORKER_RUNTIME");
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Hub__DisableTimers"] = "true";
        environment["Hub__Storage__ConnectionString"] = fixture.Stack.StorageConnectionString;
        environment["Hub__Storage__TablePrefix"] = "Pkg" + Guid.NewGuid().ToString("N")[..8];
        environment["Hub__Messaging__Endpoint"] = fixture.Stack.AmqpUrl;
        environment["Hub__Messaging__DeclareTopology"] = "false";
        environment["Hub__DevelopmentIssuer__Enabled"] = "true";
        environment["Hub__DevelopmentIssuer__KeyPath"] = keyFolder;
        environment["Hub__SenderRegistryPath"] = Path.Combine(_folder, "contracts", "registry", "senders.json");
        environment["AzureAd__Instance"] = RunningHub.Instance;
        environment["AzureAd__TenantId"] = RunningHub.TenantId;
        environment["AzureAd__ClientId"] = "25000000-0000-4000-8000-0000000000aa";
        environment["AzureAd__Audience"] = RunningHub.Audience;
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = Client();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var ready = await http.GetAsync("/api/health");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(_process.HasExited, $"the packaged app exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            await Task.Delay(100);
        }

        Assert.Fail("the packaged app did not answer /api/health within 30 s");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_package_holds_what_the_isolated_worker_needs_and_no_development_settings()
    {
        foreach (var file in new[] { "host.json", "functions.metadata", "extensions.json", "worker.config.json", "IntegrationHub.Functions.dll", "wwwroot/ioc/index.html", "contracts/cloudevents.envelope.schema.json" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        }

        Assert.DoesNotContain("customHandler", File.ReadAllText(Path.Combine(_folder, "host.json")), StringComparison.Ordinal);
        Assert.Contains("dotnet", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "worker.config.json")))!["description"]!["defaultExecutablePath"], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "appsettings.Development.json")));
        Assert.Empty(Directory.GetFiles(_folder, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_function_of_the_package_has_a_route_or_a_schedule()
    {
        var functions = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "functions.metadata")))!.AsArray();

        Assert.True(functions.Count >= 17, $"only {functions.Count} functions");
        foreach (var function in functions)
        {
            var trigger = Assert.Single(function!["bindings"]!.AsArray(), b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            var routeOrSchedule = (string?)trigger["route"] ?? (string?)trigger["schedule"];
            Assert.False(string.IsNullOrEmpty(routeOrSchedule), (string?)function["name"]);
        }

        var names = functions.Select(f => (string)f!["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["IngestEvents", "ListFeeds", "GetFeedSchema", "GetSnapshot", "GetHealth", "OutboxRelay", "FreshnessMonitor", "ServeIocFile"]), names);
    }

    [Fact]
    public async Task The_packaged_app_serves_health_ingest_and_the_dashboard_as_the_local_runner()
    {
        using var http = Client();
        var health = JsonNode.Parse(await http.GetStringAsync("/api/health"))!;
        Assert.Equal("healthy", (string?)health["status"]);

        var evt = Samples.Valid("edu.school-status")[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/edu.school-status/events")
        {
            Content = new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        using var accepted = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var page = await http.GetAsync("/ioc/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }

    private HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };

    private string Token()
    {
        using var key = DevelopmentIssuerKey.LoadSigningKey(Path.Combine(_folder, ".issuer"));
        var registry = SenderRegistry.Load(Path.Combine(_folder, "contracts", "registry", "senders.json"));
        return new DevelopmentTokenIssuer(key).Issue(DevelopmentTokenIssuer.IssuerFor(RunningHub.Instance, RunningHub.TenantId), RunningHub.Audience,
            RunningHub.TenantId, registry.FindByName("edu-sector-db")!.ClientId, [HubRoles.Publish("edu.school-status")], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
