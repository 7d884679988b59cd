using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// <c>GET /api/health</c> on ASP.NET Core health checks: anonymous callers get the status only, <c>Hub.Admin</c> gets the checks,
/// and one run of the checks answers every probe for the cache's duration (storage and the broker are down here: unhealthy).
/// </summary>
[Collection(AuthHubCollection.Name)]
public sealed class HealthAccessTests(AuthHubFixture hub)
{
    [Fact]
    public async Task Anonymous_callers_and_callers_without_the_admin_role_get_the_status_only()
    {
        using var anonymous = await hub.GetAsync("/api/health", null);
        using var reader = await hub.GetAsync("/api/health", hub.Token("ioc-reader", "Snapshots.Read"));

        foreach (var response in new[] { anonymous, reader })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(["status"], body.Select(p => p.Key));
            Assert.Equal("unhealthy", (string?)body["status"]);
        }
    }

    [Fact]
    public async Task An_operator_gets_the_checks_and_the_backlog()
    {
        using var response = await hub.GetAsync("/api/health", hub.Token("ioc-reader", "Hub.Admin"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("unhealthy", (string?)body["status"]);
        Assert.Equal("down", (string?)body["checks"]!["storage"]);
        Assert.Equal("down", (string?)body["checks"]!["broker"]);
        Assert.NotNull(body["outboxPending"]);
    }

    [Fact]
    public async Task A_burst_of_probes_runs_the_checks_once()
    {
        var health = hub.Hub.Services.GetRequiredService<HubHealth>();
        using (await hub.GetAsync("/api/health", null))
        {
        }

        var before = health.Runs;
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => hub.GetAsync("/api/health", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.True(health.Runs - before <= 1, $"the checks ran {health.Runs - before} times for 20 probes");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
