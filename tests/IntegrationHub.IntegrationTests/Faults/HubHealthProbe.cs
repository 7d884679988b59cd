using System.Text.Json.Nodes;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary><c>GET /api/health</c> as the fault tests read it.</summary>
public sealed record HubHealthProbe(int HttpStatus, string Status, string Storage, string Broker, string Outbox, int OutboxPending)
{
    public static async Task<HubHealthProbe> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/health");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var checks = body["checks"]!;
        return new HubHealthProbe((int)response.StatusCode, (string)body["status"]!, (string)checks["storage"]!, (string)checks["broker"]!,
            (string)checks["outbox"]!, (int)body["outboxPending"]!);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns the last answer.</summary>
    public static async Task<HubHealthProbe> WaitAsync(HttpClient client, Func<HubHealthProbe, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            HubHealthProbe? probe = null;
            try
            {
                probe = await GetAsync(client);
            }
            catch (HttpRequestException)
            {
                // The hub is (re)starting.
            }

            if ((probe is not null && condition(probe)) || DateTime.UtcNow >= deadline)
            {
                return probe ?? await GetAsync(client);
            }

            await Task.Delay(500);
        }
    }
}
