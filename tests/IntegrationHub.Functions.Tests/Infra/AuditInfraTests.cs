using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>
/// The audit trail's protection in infra/main.bicep, evaluated offline: blob versioning and time-based immutability on the
/// archive and audit containers, a hub identity that can append but never delete blobs, and delete on the archive only for
/// the retention purge's own identity.
/// </summary>
public sealed class AuditInfraTests(InfraTemplateFixture fixture) : IClassFixture<InfraTemplateFixture>
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private static readonly string[] WormContainers = ["hub-archive", "hub-audit", "hub-audit-checkpoints"];

    /// <summary>The GUID of the custom blob appender role the snapshot defines.</summary>
    public static string AppenderRoleId(DeploymentSnapshot snapshot) =>
        (string)snapshot.SingleResourceOfType("Microsoft.Authorization/roleDefinitions")["name"]!;

    [Fact]
    public void The_data_account_versions_blobs_and_keeps_the_archive_and_audit_containers_immutable_while_allowing_appends()
    {
        var snapshot = fixture.FlexSnapshot;
        var data = snapshot.Output("dataStorageAccountName");
        var blobServices = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices");
        Assert.True((bool)blobServices.Single(b => (string)b["name"]! == $"{data}/default")["properties"]!["isVersioningEnabled"]!);

        var containers = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        var policies = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        foreach (var name in WormContainers)
        {
            var container = containers.Single(c => (string)c["name"]! == $"{data}/default/{name}");
            Assert.True((bool)container["properties"]!["immutableStorageWithVersioning"]!["enabled"]!, name);
            var policy = policies.Single(p => (string)p["name"]! == $"{data}/default/{name}/default")["properties"]!;
            Assert.True((int)policy["immutabilityPeriodSinceCreationInDays"]! >= 1, name);
            Assert.True((bool)policy["allowProtectedAppendWrites"]!, name);
        }

        Assert.Equal(WormContainers.Length, policies.Count);
    }

    [Fact]
    public void The_archive_stays_immutable_no_longer_than_the_shortest_archive_retention_so_the_purge_can_delete_what_expired()
    {
        var snapshot = fixture.FlexSnapshot;
        var archive = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies")
            .Single(p => ((string)p["name"]!).EndsWith("/hub-archive/default", StringComparison.Ordinal));
        var catalogue = FeedCatalogue.Load(IntegrationHub.TestSupport.RepoPaths.Contracts);

        Assert.InRange((int)archive["properties"]!["immutabilityPeriodSinceCreationInDays"]!, 1, catalogue.Feeds.Min(f => f.Retention.ArchiveDays));
    }

    [Fact]
    public void The_hubs_blob_role_appends_and_creates_but_grants_no_delete_of_any_kind()
    {
        var role = fixture.FlexSnapshot.SingleResourceOfType("Microsoft.Authorization/roleDefinitions")["properties"]!;
        var permissions = Assert.Single(role["permissions"]!.AsArray())!;
        var actions = Strings(permissions["actions"]).Concat(Strings(permissions["dataActions"])).ToList();

        Assert.Equal("CustomRole", (string?)role["type"]);
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action", actions);
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", actions);
        Assert.DoesNotContain(actions, a => a.Contains('*') || a.EndsWith("/delete", StringComparison.Ordinal) || a.Contains("/move/", StringComparison.Ordinal)
            || a.Contains("immutabilityPolic", StringComparison.Ordinal) || a.Contains("deleteBlobVersion", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_purge_identity_may_delete_blobs_and_only_in_the_archive_container()
    {
        var snapshot = fixture.FlexSnapshot;
        var assignments = snapshot.ResourcesOfType("Microsoft.Authorization/roleAssignments");
        var hubPrincipal = (string)snapshot.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single(i => !((string)i["name"]!).EndsWith("-purge", StringComparison.Ordinal))["name"]!;
        var purge = snapshot.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single(i => ((string)i["name"]!).EndsWith("-purge", StringComparison.Ordinal));

        var deleters = snapshot.RoleAssignments().Where(a => a.RoleDefinitionId == StorageBlobDataContributor).ToList();
        var (scope, _) = Assert.Single(deleters);
        Assert.EndsWith($"/blobServices/default/containers/hub-archive", scope);
        var assignment = assignments.Single(a => ((string)a["properties"]!["roleDefinitionId"]!).EndsWith(StorageBlobDataContributor, StringComparison.Ordinal));
        Assert.Contains((string)purge["name"]!, (string)assignment["properties"]!["principalId"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(hubPrincipal + "'", (string)assignment["properties"]!["principalId"]!, StringComparison.Ordinal);

        var site = snapshot.SingleResourceOfType("Microsoft.Web/sites");
        Assert.Equal(2, site["identity"]!["userAssignedIdentities"]!.AsObject().Count);
        Assert.Contains("purge", snapshot.AppSettings()["Hub__Retention__ArchiveIdentityClientId"], StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array?.AsArray().Select(n => (string)n!) ?? [];
}
