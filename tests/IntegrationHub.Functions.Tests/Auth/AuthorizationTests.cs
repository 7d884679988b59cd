using System.Net;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// App roles and the sender registry over real HTTP. A request let through reaches the closed storage and gets 503
/// storage-unavailable: authentication, authorization and the source check all passed.
/// </summary>
[Collection(AuthHubCollection.Name)]
public sealed class AuthorizationTests(AuthHubFixture hub)
{
    private static readonly string PublishEdu = HubRoles.Publish(AuthHubFixture.EduFeed);
    private static readonly string PublishHealth = HubRoles.Publish(AuthHubFixture.HealthFeed);

    [Fact]
    public async Task The_feed_owner_with_the_feed_role_passes_authorization()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("edu-sector-db", PublishEdu), AuthHubFixture.EduSource, AuthHubFixture.EduSource);

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
    }

    [Fact]
    public async Task The_reader_role_cannot_publish()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("ioc-reader", HubRoles.SnapshotsRead), AuthHubFixture.EduSource);

        await AssertMissingRoleAsync(response, PublishEdu);
    }

    [Fact]
    public async Task The_publisher_of_one_feed_cannot_publish_to_another()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("health-interop", PublishHealth), AuthHubFixture.HealthSource);

        await AssertMissingRoleAsync(response, PublishEdu);
    }

    [Fact]
    public async Task The_owner_application_without_the_feed_role_cannot_publish()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("edu-sector-db", HubRoles.Admin), AuthHubFixture.EduSource);

        await AssertMissingRoleAsync(response, PublishEdu);
    }

    [Fact]
    public async Task The_admin_role_does_not_include_publishing()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("hub-admin", HubRoles.Admin), AuthHubFixture.EduSource);

        await AssertMissingRoleAsync(response, PublishEdu);
    }

    [Fact]
    public async Task Roles_count_only_from_the_roles_claim()
    {
        var claims = hub.Claims("edu-sector-db", HubRoles.SnapshotsRead);
        claims["scp"] = PublishEdu;
        claims["role"] = PublishEdu;
        claims["http://schemas.microsoft.com/ws/2008/06/identity/claims/role"] = PublishEdu;

        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Sign(claims), AuthHubFixture.EduSource);

        await AssertMissingRoleAsync(response, PublishEdu);
    }

    [Fact]
    public async Task A_request_whose_sources_all_belong_to_another_department_gets_403_naming_the_source()
    {
        // The health department's application was granted the education feed's role by mistake; the registry still stops it.
        var health = hub.ClientIdOf("health-interop");
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("health-interop", PublishEdu), AuthHubFixture.EduSource, AuthHubFixture.EduSource);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "source-not-registered");
        Assert.Equal([AuthHubFixture.EduSource], Problem.Strings(problem["refusedSources"]));
        Assert.Equal(health, (string?)problem["senderApp"]);
        Assert.Contains(AuthHubFixture.EduSource, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("health-interop", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_missing_from_the_sender_registry_gets_403_naming_the_source()
    {
        var claims = hub.Claims("edu-sector-db", PublishEdu);
        claims["azp"] = "0a990000-0000-4000-8000-000000000099";

        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Sign(claims), AuthHubFixture.EduSource);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "source-not-registered");
        Assert.Equal([AuthHubFixture.EduSource], Problem.Strings(problem["refusedSources"]));
        Assert.Contains("not in the hub's sender registry", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_mixing_own_and_spoofed_sources_goes_on_to_per_record_checks()
    {
        var response = await hub.PublishAsync(AuthHubFixture.EduFeed, hub.Token("edu-sector-db", PublishEdu), AuthHubFixture.EduSource, AuthHubFixture.HealthSource);

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
    }

    [Fact]
    public async Task A_publisher_token_for_an_unknown_feed_gets_404()
    {
        var response = await hub.PublishAsync("edu.no-such-feed", hub.Token("edu-sector-db", PublishEdu), AuthHubFixture.EduSource);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unknown-feed");
    }

    [Fact]
    public async Task The_reader_role_passes_snapshot_authorization()
    {
        var response = await hub.GetAsync("/api/snapshots/edu.school-status/25017401", hub.Token("ioc-reader", HubRoles.SnapshotsRead));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
    }

    [Fact]
    public async Task A_publisher_without_the_reader_role_cannot_read_snapshots()
    {
        var response = await hub.GetAsync("/api/snapshots/edu.school-status/25017401", hub.Token("edu-sector-db", PublishEdu));

        await AssertMissingRoleAsync(response, HubRoles.SnapshotsRead);
    }

    [Fact]
    public async Task A_publisher_holding_the_reader_role_too_can_read_snapshots()
    {
        var response = await hub.GetAsync("/api/snapshots/edu.school-status/25017401", hub.Token("edu-sector-db", PublishEdu, HubRoles.SnapshotsRead));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
    }

    [Fact]
    public async Task Any_caller_with_a_valid_token_reads_the_catalogue_and_the_schemas()
    {
        var publisher = hub.Token("health-interop", PublishHealth);
        var reader = hub.Token("ioc-reader", HubRoles.SnapshotsRead);

        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/feeds", publisher)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/feeds/edu.school-status/schemas/v1", publisher)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/feeds", reader)).StatusCode);
    }

    private static async Task AssertMissingRoleAsync(HttpResponseMessage response, string role)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "missing-role");
        Assert.Equal([role], Problem.Strings(problem["missingRoles"]));
        Assert.Contains($"'{role}'", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
