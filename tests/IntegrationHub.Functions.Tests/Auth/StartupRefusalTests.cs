using IntegrationHub.Functions.Tests.Hosting;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>Configurations the hub refuses to start with, each with a message naming the setting to fix.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task The_hub_refuses_to_start_with_the_development_issuer_enabled_in_production()
    {
        var settings = HubSettings.WithoutBackends();
        settings["Hub:DevelopmentIssuer:Enabled"] = "true";
        settings["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessHub.StartAsync("Production", settings));

        Assert.Contains("Hub:DevelopmentIssuer:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Production'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_to_start_outside_development_without_the_operators_sender_registry()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessHub.StartAsync("Production", HubSettings.WithoutBackends()));

        Assert.Contains("Hub:SenderRegistryPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_to_start_without_its_tenant()
    {
        var settings = HubSettings.WithoutBackends();
        settings["AzureAd:TenantId"] = "";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessHub.StartAsync("Production", settings));

        Assert.Contains("AzureAd:TenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_a_multi_tenant_authority()
    {
        var settings = HubSettings.WithoutBackends();
        settings["AzureAd:TenantId"] = "organizations";
        settings["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessHub.StartAsync("Production", settings));

        Assert.Contains("single-tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_the_hub_starts_with_entra_settings_and_a_registry_and_refuses_anonymous_callers()
    {
        var settings = HubSettings.WithoutBackends();
        settings["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");

        await using var hub = await InProcessHub.StartAsync("Production", settings);
        using var client = new HttpClient { BaseAddress = hub.Address };
        var response = await client.GetAsync(new Uri("/api/feeds", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]
    [InlineData("WEBSITE_SITE_NAME", "func-lgsp-hub")]
    [InlineData("WEBSITE_INSTANCE_ID", "0a1b2c")]
    [InlineData("IDENTITY_ENDPOINT", "http://169.254.255.2:8081/msi/token")]
    public async Task The_hub_refuses_the_development_issuer_under_the_functions_host_or_on_azure_even_in_development(string marker, string value)
    {
        var settings = HubSettings.WithoutBackends();
        settings["Hub:DevelopmentIssuer:Enabled"] = "true";
        settings["Hub:DevelopmentIssuer:KeyPath"] = Path.Combine(Path.GetTempPath(), "hub-issuer-" + Guid.NewGuid().ToString("N"));
        settings[marker] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessHub.StartAsync("Development", settings));

        Assert.Contains("Hub:DevelopmentIssuer:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains(marker, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hub:Health:CacheDuration", "00:10:00", "Hub:Health:CacheDuration")]
    [InlineData("Hub:RateLimits:Default:Burst", "0", "Hub:RateLimits:Default")]
    [InlineData("Hub:RateLimits:Apps:edu-sector-db:ConcurrentRequests", "0", "Hub:RateLimits:Apps:edu-sector-db")]
    [InlineData("Hub:Ingest:MaxBodyBytes", "0", "Hub:Ingest")]
    public async Task A_misconfigured_hub_refuses_to_start_naming_the_setting(string setting, string value, string named)
    {
        var settings = HubSettings.WithoutBackends();
        settings["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");
        settings[setting] = value;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessHub.StartAsync("Production", settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_to_start_with_a_source_registered_for_two_applications()
    {
        var file = Path.Combine(Path.GetTempPath(), $"senders-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {"applications":[
              {"name":"edu-a","clientId":"0a990000-0000-4000-8000-0000000000aa","department":"D","sources":["urn:lgsp:25:000.00.11.H25:csdl-giao-duc"]},
              {"name":"edu-b","clientId":"0a990000-0000-4000-8000-0000000000bb","department":"D","sources":["urn:lgsp:25:000.00.11.H25:csdl-giao-duc"]}]}
            """);
        try
        {
            var settings = HubSettings.WithoutBackends();
            settings["Hub:SenderRegistryPath"] = file;

            var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessHub.StartAsync("Production", settings));

            Assert.Contains("is registered for more than one application (edu-a, edu-b)", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
