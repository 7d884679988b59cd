using System.Net.Sockets;
using System.Text;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.Functions.Tests.Auth;
using IntegrationHub.Functions.Tests.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Tests.Hardening;

/// <summary>A client whose body arrives too slowly gets 408, and that is the client's fault: logged at Warning, never Error.</summary>
public sealed class SlowClientLoggingTests : IDisposable
{
    private readonly string _keyFolder = Path.Combine(Path.GetTempPath(), "hub-issuer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_body_sent_too_slowly_is_answered_408_and_logged_as_a_warning()
    {
        var logs = new CapturingLoggerProvider();
        var settings = HubSettings.WithoutBackends();
        settings["Hub:DevelopmentIssuer:Enabled"] = "true";
        settings["Hub:DevelopmentIssuer:KeyPath"] = _keyFolder;
        settings["Logging:LogLevel:Default"] = "Information";
        settings["Logging:LogLevel:IntegrationHub"] = "Information";
        await using var hub = await InProcessHub.StartAsync("Development", settings, builder => builder.Logging.AddProvider(logs));
        var registry = SenderRegistry.Load(Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json"));
        string token;
        using (var key = DevelopmentIssuerKey.LoadSigningKey(_keyFolder))
        {
            token = new DevelopmentTokenIssuer(key).Issue(HubSettings.Issuer, HubSettings.ClientId, HubSettings.TenantId,
                registry.FindByName("edu-sector-db")!.ClientId, [HubRoles.Publish("edu.school-status")], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Address.Host, hub.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/feeds/edu.school-status/events HTTP/1.1\r\nHost: {hub.Address.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            "Content-Type: application/cloudevents+json\r\nContent-Length: 100000\r\n\r\n{"));

        // One byte a second, far below Kestrel's minimum data rate, until the hub answers (bounded by a count of bytes).
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        for (var sent = 0; sent < 60; sent++)
        {
            if (await Task.WhenAny(read, Task.Delay(1000)) == read)
            {
                var count = await read;
                if (count == 0)
                {
                    break;
                }

                answer.Append(Encoding.UTF8.GetString(buffer, 0, count));
                if (answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }

                read = stream.ReadAsync(buffer).AsTask();
                continue;
            }

            try
            {
                await stream.WriteAsync(" "u8.ToArray());
            }
            catch (IOException)
            {
                // The hub closed the connection; read what it answered.
            }
        }

        Assert.StartsWith("HTTP/1.1 408", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("408", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_keyFolder))
        {
            Directory.Delete(_keyFolder, recursive: true);
        }
    }
}
