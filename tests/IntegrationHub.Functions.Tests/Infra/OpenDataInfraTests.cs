namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>
/// The open-data account of infra/main.bicep (modules/opendata.bicep), from the offline deployment snapshot: anonymous blob
/// reads on one container and nowhere else, Entra ID only for writes, and the hub's identity a writer (without delete) of that container only.
/// </summary>
public sealed class OpenDataInfraTests(InfraTemplateFixture fixture) : IClassFixture<InfraTemplateFixture>
{
    [Fact]
    public void The_open_data_account_allows_anonymous_blob_reads_but_no_shared_keys()
    {
        var snapshot = fixture.FlexSnapshot;
        var name = snapshot.Output("openDataStorageAccountName");

        var account = Assert.Single(snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts"), a => (string?)a["name"] == name);
        var properties = account["properties"]!;
        Assert.True((bool)properties["allowBlobPublicAccess"]!);
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.NotEqual(snapshot.Output("dataStorageAccountName"), name);
    }

    [Fact]
    public void The_open_data_account_has_one_container_readable_by_blob_and_not_listable()
    {
        var snapshot = fixture.FlexSnapshot;
        var name = snapshot.Output("openDataStorageAccountName");

        var containers = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Where(c => ((string)c["name"]!).StartsWith(name + "/", StringComparison.Ordinal)).ToList();
        var container = Assert.Single(containers);
        Assert.Equal($"{name}/default/opendata", (string?)container["name"]);
        Assert.Equal("Blob", (string?)container["properties"]!["publicAccess"]);
        Assert.All(snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").Except(containers),
            other => Assert.Equal("None", (string?)other["properties"]!["publicAccess"]));
    }

    [Fact]
    public void The_hub_writes_the_open_data_container_only_and_knows_where_it_is()
    {
        var snapshot = fixture.FlexSnapshot;
        var name = snapshot.Output("openDataStorageAccountName");
        var account = $"/subscriptions/{InfraTemplateFixture.SubscriptionId}/resourceGroups/{InfraTemplateFixture.ResourceGroup}/providers/Microsoft.Storage/storageAccounts/{name}";

        var onAccount = snapshot.RoleAssignments().Where(r => r.Scope.StartsWith(account, StringComparison.Ordinal)).ToList();
        // The hub's no-delete role (modules/blob-appender-role.bicep): the export overwrites its files, it never deletes.
        Assert.Equal([($"{account}/blobServices/default/containers/opendata", AuditInfraTests.AppenderRoleId(snapshot))], onAccount);

        var settings = snapshot.AppSettings();
        Assert.Contains(name, settings["Hub__OpenData__BlobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.blob", settings["Hub__OpenData__BlobServiceUri"], StringComparison.Ordinal);
        Assert.Equal("opendata", settings["Hub__OpenData__Container"]);
    }
}
