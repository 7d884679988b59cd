using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>contracts/registry/app-roles.json, the API registration's appRoles, declares exactly the roles the hub checks.</summary>
public sealed class AppRolesManifestTests
{
    private static readonly string Contracts = Path.Combine(AppContext.BaseDirectory, "contracts");

    [Fact]
    public void The_manifest_declares_one_publish_role_per_feed_one_read_role_per_restricted_feed_plus_the_reader_and_admin_roles()
    {
        var catalogue = FeedCatalogue.Load(Contracts);
        var expected = catalogue.Feeds.Select(f => f.PublishRole)
            .Concat(catalogue.Feeds.Where(f => f.Classification == FeedClassification.Restricted).Select(f => HubRoles.ReadFeed(f.Id)))
            .Append(HubRoles.SnapshotsRead).Append(HubRoles.Admin).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Roles().Select(r => (string)r["value"]!).Order(StringComparer.Ordinal));
        Assert.All(catalogue.Feeds, f => Assert.Equal(HubRoles.Publish(f.Id), f.PublishRole));
        Assert.All(catalogue.Feeds, f => Assert.Equal(f.Classification == FeedClassification.Restricted ? HubRoles.ReadFeed(f.Id) : HubRoles.SnapshotsRead, f.RecordReadRole()));
    }

    [Fact]
    public void Every_role_is_an_enabled_application_role_with_its_own_fixed_id()
    {
        var roles = Roles();

        Assert.All(roles, r =>
        {
            Assert.Equal(["Application"], r["allowedMemberTypes"]!.AsArray().Select(m => (string)m!));
            Assert.True((bool)r["isEnabled"]!);
            Assert.True(Guid.TryParse((string?)r["id"], out _));
            Assert.False(string.IsNullOrWhiteSpace((string?)r["displayName"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)r["description"]));
        });
        Assert.Equal(roles.Count, roles.Select(r => (string)r["id"]!).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static List<JsonObject> Roles() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Contracts, "registry", "app-roles.json")))!["appRoles"]!.AsArray().Select(r => r!.AsObject()).ToList();
}
