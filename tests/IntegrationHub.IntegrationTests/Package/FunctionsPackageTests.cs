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
/// The Azure Functions package as Azure would run it: unpacked, its executable started with FUNCTIONS_CUSTOMHANDLER_PORT,
/// and called the way the Functions host calls a custom handler (readiness probe, proxied HTTP routes, a timer payload).
/// </summary>
[Collection(StackCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FunctionsPackageTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string Zip = Path.Combine(Samples.Root, "dist", "integrationhub-functions.zip");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hub-package-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private int _port;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Zip), $"{Zip} is missing: run dev/package (dev/test does) before these tests");
        Directory.CreateDirectory(_folder);
        using (var archive = ZipFile.OpenRead(Zip))
        {
            foreach (var entry in archive.Entries)
            {
                var target = Path.Combine(_folder, entry.FullName);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target);
                var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
                if (mode != 0)
                {
                    File.SetUnixFileMode(target, (UnixFileMode)mode);
                }
            }
        }

        _port = FreePort();
        var keyFolder = Path.Combine(_folder, ".issuer");
        DevelopmentIssuerKey.LoadPublicKeys(keyFolder);
        var start = new ProcessStartInfo(Path.Combine(_folder, "IntegrationHub.Functions"))
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Hub__DisableTimers"] = "true";
        environment["Hub__Storage__ConnectionString"] = fixture.Stack.StorageConnectionString;
        environment["Hub__Storage__TablePrefix"] = "Pkg" + Guid.NewGuid().ToString("N")[..8];
        environment["Hub__Messaging__Endpoint"] = fixture.Stack.AmqpUrl;
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
                using var ready = await http.GetAsync("/");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(_process.HasExited, $"the packaged executable exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            await Task.Delay(100);
        }

        Assert.Fail("the packaged executable did not answer the readiness probe within 30 s");
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
    public void The_package_holds_host_json_the_function_folders_and_an_executable_at_its_root()
    {
        Assert.True(File.Exists(Path.Combine(_folder, "host.json")));
        Assert.True(File.GetUnixFileMode(Path.Combine(_folder, "IntegrationHub.Functions")).HasFlag(UnixFileMode.UserExecute));
        foreach (var function in new[] { "IngestEvents", "ListFeeds", "GetFeedSchema", "GetSnapshot", "GetHealth", "OutboxRelay" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, function, "function.json")), function);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "appsettings.Development.json")));
    }

    [Fact]
    public async Task Proxied_http_routes_and_a_timer_invocation_are_served_on_the_host_port()
    {
        using var http = Client();
        var health = JsonNode.Parse(await http.GetStringAsync("/api/health"))!;
        Assert.Equal("healthy", (string?)health["status"]);

        // A proxied request, as YARP forwards it: original path, headers added by the host.
        var evt = Samples.Valid("edu.school-status")[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/edu.school-status/events")
        {
            Content = new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var accepted = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var timer = await http.PostAsync("/OutboxRelay", new StringContent(
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"OutboxRelay"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        var invocation = JsonNode.Parse(await timer.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(invocation.ContainsKey("Outputs") && invocation.ContainsKey("Logs") && invocation.ContainsKey("ReturnValue"));
    }

    [Fact]
    public async Task Under_the_functions_host_the_handler_listens_on_loopback_only()
    {
        var address = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (address is null)
        {
            // No non-loopback address on this machine: loopback-only cannot be told apart; assert the loopback answer instead.
            using var http = Client();
            Assert.True((await http.GetAsync("/")).IsSuccessStatusCode);
            return;
        }

        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(address, _port));
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
