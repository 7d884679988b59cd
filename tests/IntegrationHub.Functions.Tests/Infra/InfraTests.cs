using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled, linted and evaluated offline with the Bicep CLI. What only a real
/// subscription can show (that Azure accepts the deployment and the app starts) is listed in
/// docs/deploy-azure.md.
/// </summary>
public sealed class InfraTests : IClassFixture<InfraTemplateFixture>
{
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private readonly InfraTemplateFixture _fixture;

    public InfraTests(InfraTemplateFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Build_CompilesMainTemplateWithoutWarningsOrErrors()
    {
        var cli = _fixture.Cli;

        var run = await cli.RunAsync(["build", cli.MainTemplatePath, "--stdout"], cli.RepositoryRoot, CancellationToken.None);

        Assert.True(run.ExitCode == 0, run.Describe());
        // stdout is the template; diagnostics go to stderr.
        Assert.DoesNotContain("Warning", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", run.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("{", run.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_ReportsNoWarningsOrErrors()
    {
        var cli = _fixture.Cli;

        var run = await cli.RunAsync(["lint", cli.MainTemplatePath], cli.RepositoryRoot, CancellationToken.None);

        Assert.True(run.ExitCode == 0, run.Describe());
        var output = run.StandardOutput + run.StandardError;
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CompiledTemplate_CarriesTheCatalogueTopologyUnchanged()
    {
        var variables = _fixture.CompiledTemplate["variables"]!.AsObject();

        // loadJsonContent inlines the file as a variable: the deployment sees exactly what the catalogue generated.
        Assert.Contains(variables, variable => JsonNode.DeepEquals(variable.Value, _fixture.Topology));
    }

    [Fact]
    public void CompiledTemplate_DeclaresKeylessStorageAndServiceBusAsLiterals()
    {
        var resources = AllResources(_fixture.CompiledTemplate).ToList();

        var storageAccounts = resources.Where(r => IsType(r, "Microsoft.Storage/storageAccounts")).ToList();
        Assert.NotEmpty(storageAccounts);
        Assert.All(storageAccounts, account =>
        {
            Assert.False((bool)account["properties"]!["allowSharedKeyAccess"]!);
            Assert.Equal("TLS1_2", (string?)account["properties"]!["minimumTlsVersion"]);
        });
        // Only the open-data account (modules/opendata.bicep) allows anonymous blob reads.
        Assert.Single(storageAccounts, account => (bool)account["properties"]!["allowBlobPublicAccess"]!);

        var namespaces = resources.Where(r => IsType(r, "Microsoft.ServiceBus/namespaces")).ToList();
        Assert.Single(namespaces);
        Assert.True((bool)namespaces[0]["properties"]!["disableLocalAuth"]!);

        var topics = resources.Where(r => IsType(r, "Microsoft.ServiceBus/namespaces/topics")).ToList();
        Assert.Single(topics);
        Assert.True((bool)topics[0]["properties"]!["requiresDuplicateDetection"]!);

        var subscriptions = resources.Where(r => IsType(r, "Microsoft.ServiceBus/namespaces/topics/subscriptions")).ToList();
        Assert.Single(subscriptions);
        Assert.True((bool)subscriptions[0]["properties"]!["deadLetteringOnMessageExpiration"]!);

        var site = Assert.Single(resources, r => IsType(r, "Microsoft.Web/sites"));
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void CompiledTemplate_NamesEveryExpectedBuiltInRole()
    {
        var text = _fixture.CompiledTemplate.ToJsonString();

        Assert.All(
            new[]
            {
                ServiceBusDataSender, ServiceBusDataReceiver, StorageBlobDataContributor,
                StorageBlobDataOwner, StorageTableDataContributor, MonitoringMetricsPublisher,
            },
            role => Assert.Contains(role, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshot_CreatesOneTopicWithDuplicateDetectionPerCatalogueEntry()
    {
        var snapshot = _fixture.FlexSnapshot;
        var ns = snapshot.Output("serviceBusNamespaceName");
        var expected = CatalogueTopics().Select(topic => $"{ns}/{topic.Name}").Order(StringComparer.Ordinal).ToList();

        var topics = snapshot.ResourcesOfType("Microsoft.ServiceBus/namespaces/topics");

        Assert.Equal(expected, topics.Select(topic => (string)topic["name"]!).Order(StringComparer.Ordinal).ToList());
        Assert.All(topics, topic =>
        {
            Assert.True((bool)topic["properties"]!["requiresDuplicateDetection"]!);
            Assert.Equal("PT1H", (string?)topic["properties"]!["duplicateDetectionHistoryTimeWindow"]);
        });
    }

    [Fact]
    public void Snapshot_CreatesExactlyTheCatalogueSubscriptionsWithDeadLettering()
    {
        var snapshot = _fixture.FlexSnapshot;
        var ns = snapshot.Output("serviceBusNamespaceName");
        var expected = CatalogueTopics()
            .SelectMany(topic => topic.Subscriptions.Select(subscription => $"{ns}/{topic.Name}/{subscription}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var subscriptions = snapshot.ResourcesOfType("Microsoft.ServiceBus/namespaces/topics/subscriptions");

        Assert.Equal(expected, subscriptions.Select(s => (string)s["name"]!).Order(StringComparer.Ordinal).ToList());
        Assert.All(subscriptions, subscription =>
        {
            Assert.True((bool)subscription["properties"]!["deadLetteringOnMessageExpiration"]!);
            Assert.Equal(10, (int)subscription["properties"]!["maxDeliveryCount"]!);
        });
    }

    [Fact]
    public void Snapshot_AllowsEntraIdOnlyOnStorageServiceBusAndTelemetry()
    {
        var snapshot = _fixture.FlexSnapshot;

        // The open-data account is the one that allows anonymous reads (OpenDataInfraTests); every other stays private.
        var accounts = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts").Where(a => (string)a["name"]! != snapshot.Output("openDataStorageAccountName")).ToList();
        Assert.Equal(
            new[] { snapshot.Output("dataStorageAccountName"), snapshot.Output("hostStorageAccountName") }.Order(StringComparer.Ordinal),
            accounts.Select(account => (string)account["name"]!).Order(StringComparer.Ordinal));
        Assert.All(accounts, account =>
        {
            var properties = account["properties"]!;
            Assert.False((bool)properties["allowSharedKeyAccess"]!);
            Assert.False((bool)properties["allowBlobPublicAccess"]!);
            Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        });
        Assert.All(snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").Where(c => !OnOpenDataAccount(snapshot, c)),
            container => Assert.Equal("None", (string?)container["properties"]!["publicAccess"]));

        var ns = snapshot.SingleResourceOfType("Microsoft.ServiceBus/namespaces");
        Assert.True((bool)ns["properties"]!["disableLocalAuth"]!);
        Assert.Equal("Standard", (string?)ns["sku"]!["name"]);

        var appInsights = snapshot.SingleResourceOfType("Microsoft.Insights/components");
        Assert.True((bool)appInsights["properties"]!["DisableLocalAuth"]!);
        Assert.Contains(
            snapshot.ResourcesOfType("Microsoft.OperationalInsights/workspaces"),
            workspace => (string?)workspace["id"] == (string?)appInsights["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Snapshot_DeclaresTheArchiveAndDeploymentContainers()
    {
        var snapshot = _fixture.FlexSnapshot;

        var containers = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(container => (string)container["name"]!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            new[]
            {
                $"{snapshot.Output("dataStorageAccountName")}/default/hub-archive",
                $"{snapshot.Output("dataStorageAccountName")}/default/hub-records",
                $"{snapshot.Output("dataStorageAccountName")}/default/hub-audit",
                $"{snapshot.Output("dataStorageAccountName")}/default/hub-audit-checkpoints",
                $"{snapshot.Output("dataStorageAccountName")}/default/hub-reports",
                $"{snapshot.Output("hostStorageAccountName")}/default/{snapshot.Output("deploymentContainerName")}",
                $"{snapshot.Output("openDataStorageAccountName")}/default/opendata",
            }.Order(StringComparer.Ordinal),
            containers);
    }

    [Fact]
    public void Snapshot_RunsTheIsolatedWorkerOnFlexConsumptionWithIdentityDeploymentStorage()
    {
        var snapshot = _fixture.FlexSnapshot;
        var identityId = IdentityResourceId(snapshot);

        var plan = snapshot.SingleResourceOfType("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);

        var site = snapshot.SingleResourceOfType("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Null(site["properties"]!["siteConfig"]!["linuxFxVersion"]);
        var storage = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Contains(snapshot.Output("deploymentContainerName"), (string)storage["value"]!, StringComparison.Ordinal);
        Assert.Contains(snapshot.Output("hostStorageAccountName"), (string)storage["value"]!, StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);

        // Flex Consumption rejects these as app settings: the runtime comes from functionAppConfig.
        var settings = snapshot.AppSettings();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public void Snapshot_AttachesTheUserAssignedIdentityAndConnectsWithoutSecrets()
    {
        var snapshot = _fixture.FlexSnapshot;
        var identityId = IdentityResourceId(snapshot);

        var site = snapshot.SingleResourceOfType("Microsoft.Web/sites");
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var purgeId = (string)snapshot.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single(i => (string)i["id"]! != identityId)["id"]!;
        Assert.Equal(new[] { identityId, purgeId }.Order(), site["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key).Order());
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.All(snapshot.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            policy => Assert.False((bool)policy["properties"]!["allow"]!));

        var settings = snapshot.AppSettings();
        Assert.Equal(snapshot.Output("hostStorageAccountName"), settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.All(settings.Values, value =>
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Snapshot_GivesTheHubItsSettingsInIdentityBasedForm()
    {
        var snapshot = _fixture.FlexSnapshot;

        var settings = snapshot.AppSettings();

        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("25", settings["Hub__ProvinceCode"]);
        Assert.Equal("ServiceBus", settings["Hub__Messaging__Transport"]);
        Assert.Contains(snapshot.Output("serviceBusNamespaceName"), settings["Hub__Messaging__FullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.Contains("serviceBusEndpoint", settings["Hub__Messaging__FullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.DoesNotContain("Hub__Messaging__Endpoint", settings.Keys);
        Assert.DoesNotContain("Hub__Messaging__ConnectionString", settings.Keys);
        Assert.Contains(snapshot.Output("dataStorageAccountName"), settings["Hub__Storage__TableServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", settings["Hub__Storage__TableServiceUri"], StringComparison.Ordinal);
        Assert.Contains(snapshot.Output("dataStorageAccountName"), settings["Hub__Storage__BlobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.blob", settings["Hub__Storage__BlobServiceUri"], StringComparison.Ordinal);
        var identityClientId = settings["AzureWebJobsStorage__clientId"];
        Assert.Equal(identityClientId, settings["Hub__Storage__ManagedIdentityClientId"]);
        Assert.Equal(identityClientId, settings["Hub__ManagedIdentityClientId"]);
        Assert.Equal("[environment().authentication.loginEndpoint]", settings["AzureAd__Instance"]);
        Assert.Equal(InfraTemplateFixture.TenantId, settings["AzureAd__TenantId"]);
        Assert.Equal(InfraTemplateFixture.ApiClientId, settings["AzureAd__ClientId"]);
        Assert.Equal($"api://{InfraTemplateFixture.ApiClientId}", settings["AzureAd__Audience"]);
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_GrantsExactlyTheLeastPrivilegeRoles()
    {
        var snapshot = _fixture.FlexSnapshot;
        var prefix = $"/subscriptions/{InfraTemplateFixture.SubscriptionId}/resourceGroups/{InfraTemplateFixture.ResourceGroup}/providers/";
        var data = $"{prefix}Microsoft.Storage/storageAccounts/{snapshot.Output("dataStorageAccountName")}";
        var host = $"{prefix}Microsoft.Storage/storageAccounts/{snapshot.Output("hostStorageAccountName")}";
        var ns = $"{prefix}Microsoft.ServiceBus/namespaces/{snapshot.Output("serviceBusNamespaceName")}";
        var appInsights = (string)snapshot.SingleResourceOfType("Microsoft.Insights/components")["id"]!;

        // Service Bus: sender on each topic, receiver on each subscription the hub reads (their dead-letter queues), nothing on the namespace.
        var expected = new[]
        {
            (data, StorageTableDataContributor),
            (data, AuditInfraTests.AppenderRoleId(snapshot)),
            ($"{data}/blobServices/default/containers/hub-archive", StorageBlobDataContributor),
            (host, StorageBlobDataOwner),
            ($"{prefix}Microsoft.Storage/storageAccounts/{snapshot.Output("openDataStorageAccountName")}/blobServices/default/containers/opendata", AuditInfraTests.AppenderRoleId(snapshot)),
            (appInsights, MonitoringMetricsPublisher),
        }
        .Concat(CatalogueTopics().Select(topic => ($"{ns}/topics/{topic.Name}", ServiceBusDataSender)))
        .Concat(CatalogueTopics().SelectMany(topic => topic.Subscriptions.Select(s => ($"{ns}/topics/{topic.Name}/subscriptions/{s}", ServiceBusDataReceiver))))
        .ToList();

        Assert.Equal(expected.Order(), snapshot.RoleAssignments().Order());
        Assert.All(snapshot.ResourcesOfType("Microsoft.Authorization/roleAssignments"), assignment =>
        {
            Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
            Assert.Contains("principalId", (string)assignment["properties"]!["principalId"]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Snapshot_ElasticPremiumSetsTheIsolatedWorkerRuntimeAndRunsFromThePackageBlob()
    {
        var snapshot = _fixture.PremiumSnapshot;
        var identityId = IdentityResourceId(snapshot);

        var plan = snapshot.SingleResourceOfType("Microsoft.Web/serverfarms");
        Assert.Equal("EP1", (string?)plan["sku"]!["name"]);
        Assert.Equal("ElasticPremium", (string?)plan["sku"]!["tier"]);

        var site = snapshot.SingleResourceOfType("Microsoft.Web/sites");
        Assert.Null(site["properties"]!["functionAppConfig"]);
        var settings = snapshot.AppSettings();
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)site["properties"]!["siteConfig"]!["linuxFxVersion"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Contains("integrationhub-functions.zip", settings["WEBSITE_RUN_FROM_PACKAGE"], StringComparison.Ordinal);
        Assert.Equal(identityId, settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
        // No Azure Files content share: it would need a storage key.
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);

        var ns = snapshot.SingleResourceOfType("Microsoft.ServiceBus/namespaces");
        Assert.Equal("Premium", (string?)ns["sku"]!["name"]);
        Assert.True((bool)ns["properties"]!["disableLocalAuth"]!);
    }

    [Fact]
    public void Snapshot_ReplacesEverySubscriptionsDefaultRuleWithItsReplayFilter()
    {
        var snapshot = _fixture.FlexSnapshot;
        var ns = snapshot.Output("serviceBusNamespaceName");
        var expected = CatalogueTopics()
            .SelectMany(topic => topic.Subscriptions.Select(subscription =>
                ($"{ns}/{topic.Name}/{subscription}/$Default", $"hub_replay_to IS NULL OR hub_replay_to = '{subscription}'")))
            .Order()
            .ToList();

        var rules = snapshot.ResourcesOfType("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules");

        // One rule per subscription, named $Default so that it replaces the 1=1 rule Service Bus creates, with the same
        // expression the hub's start-up topology check requires.
        Assert.Equal(expected, rules.Select(rule => ((string)rule["name"]!, (string)rule["properties"]!["sqlFilter"]!["sqlExpression"]!)).Order().ToList());
        Assert.All(rules, rule => Assert.Equal("SqlFilter", (string?)rule["properties"]!["filterType"]));
        Assert.All(expected, rule => Assert.Equal(
            IntegrationHub.Core.Messaging.ServiceBus.ServiceBusTopology.ReplayRuleExpression(rule.Item1.Split('/')[2]), rule.Item2));
    }

    [Fact]
    public void Snapshot_ByDefaultLeavesStorageAndServiceBusOpenToEveryNetworkWithEntraIdOnly()
    {
        var snapshot = _fixture.FlexSnapshot;

        Assert.All(snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts"),
            account => Assert.Equal("Allow", (string?)account["properties"]!["networkAcls"]!["defaultAction"]));
        Assert.Empty(snapshot.ResourcesOfType("Microsoft.ServiceBus/namespaces/networkRuleSets"));
        Assert.Null(snapshot.SingleResourceOfType("Microsoft.Web/sites")["properties"]!["virtualNetworkSubnetId"]);
    }

    [Fact]
    public void Snapshot_WithNetworkRulesStorageAndServiceBusAdmitOnlyTheAppsSubnetAndTheGivenRanges()
    {
        var snapshot = _fixture.NetworkSnapshot;
        var subnet = InfraTemplateFixture.IntegrationSubnetId;

        // The open-data account is public by purpose and not behind the network rules.
        var accounts = snapshot.ResourcesOfType("Microsoft.Storage/storageAccounts").Where(a => (string)a["name"]! != snapshot.Output("openDataStorageAccountName")).ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            var acls = account["properties"]!["networkAcls"]!;
            Assert.Equal("Deny", (string?)acls["defaultAction"]);
            Assert.Equal("AzureServices", (string?)acls["bypass"]);
            Assert.Equal([subnet], acls["virtualNetworkRules"]!.AsArray().Select(rule => (string)rule!["id"]!));
            Assert.Equal(["203.0.113.0/24"], acls["ipRules"]!.AsArray().Select(rule => (string)rule!["value"]!));
        });

        var rules = snapshot.SingleResourceOfType("Microsoft.ServiceBus/namespaces/networkRuleSets")["properties"]!;
        Assert.Equal("Deny", (string?)rules["defaultAction"]);
        Assert.Equal([subnet], rules["virtualNetworkRules"]!.AsArray().Select(rule => (string)rule!["subnet"]!["id"]!));
        Assert.Equal(["203.0.113.0/24"], rules["ipRules"]!.AsArray().Select(rule => (string)rule!["ipMask"]!));

        var site = snapshot.SingleResourceOfType("Microsoft.Web/sites");
        Assert.Equal(subnet, (string?)site["properties"]!["virtualNetworkSubnetId"]);
        Assert.True((bool)site["properties"]!["siteConfig"]!["vnetRouteAllEnabled"]!);
    }

    [Fact]
    public void Snapshot_WithKeyBasedTelemetryAllowedGrantsNoMetricsPublisherRole()
    {
        var snapshot = _fixture.PremiumSnapshot;

        Assert.False((bool)snapshot.SingleResourceOfType("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
        Assert.DoesNotContain(MonitoringMetricsPublisher, snapshot.RoleAssignments().Select(assignment => assignment.RoleDefinitionId));
        Assert.DoesNotContain("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", snapshot.AppSettings().Keys);
    }

    /// <summary>The hub's identity (the other one is the retention purge's, <see cref="AuditInfraTests"/>).</summary>
    private static string IdentityResourceId(DeploymentSnapshot snapshot) =>
        (string)snapshot.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities")
            .Single(i => !((string)i["name"]!).EndsWith("-purge", StringComparison.Ordinal))["id"]!;

    private IEnumerable<(string Name, IReadOnlyList<string> Subscriptions)> CatalogueTopics() =>
        _fixture.Topology["topics"]!.AsArray().Select(topic => (
            (string)topic!["name"]!,
            (IReadOnlyList<string>)topic["subscriptions"]!.AsArray().Select(s => (string)s!).ToList()));

    private static bool IsType(JsonObject resource, string type) =>
        string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase);

    // Resources of the template and of every module (nested deployment) inside it.
    private static bool OnOpenDataAccount(DeploymentSnapshot snapshot, JsonObject container) =>
        ((string)container["name"]!).StartsWith(snapshot.Output("openDataStorageAccountName") + "/", StringComparison.Ordinal);

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(resource => resource!.AsObject()),
            JsonObject symbolic => symbolic.Select(entry => entry.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (IsType(resource, "Microsoft.Resources/deployments") && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
