using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>
/// Compiles infra/main.bicep and takes deployment snapshots of it once for all infra tests: one with
/// the default parameters (Flex Consumption) and one with the Elastic Premium alternative.
/// </summary>
public sealed class InfraTemplateFixture : IAsyncLifetime
{
    public const string SubscriptionId = "11111111-1111-1111-1111-111111111111";
    public const string TenantId = "22222222-2222-2222-2222-222222222222";
    public const string ResourceGroup = "rg-integrationhub-test";
    public const string ApiClientId = "33333333-3333-3333-3333-333333333333";

    private BicepCli? _cli;
    private JsonObject? _compiledTemplate;
    private JsonObject? _topology;
    private DeploymentSnapshot? _flexSnapshot;
    private DeploymentSnapshot? _premiumSnapshot;
    private DeploymentSnapshot? _networkSnapshot;

    public const string IntegrationSubnetId =
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-functions";

    internal BicepCli Cli => _cli ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>The ARM JSON of `bicep build --stdout`.</summary>
    public JsonObject CompiledTemplate => _compiledTemplate ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>infra/topology.json as written.</summary>
    public JsonObject Topology => _topology ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>Default parameters: Flex Consumption, Standard Service Bus, Entra-only telemetry.</summary>
    public DeploymentSnapshot FlexSnapshot => _flexSnapshot ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>Elastic Premium plan, Premium Service Bus, telemetry with the instrumentation key allowed.</summary>
    public DeploymentSnapshot PremiumSnapshot => _premiumSnapshot ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>Elastic Premium and Premium Service Bus with the network option on: network rules on Storage and Service Bus.</summary>
    public DeploymentSnapshot NetworkSnapshot => _networkSnapshot ?? throw new InvalidOperationException("fixture not initialized");

    public async Task InitializeAsync()
    {
        _cli = BicepCli.Locate();
        _topology = JsonNode.Parse(await File.ReadAllTextAsync(_cli.TopologyPath))!.AsObject();

        var build = await _cli.RunAsync(["build", _cli.MainTemplatePath, "--stdout"], _cli.RepositoryRoot, CancellationToken.None);
        Assert.True(build.ExitCode == 0, build.Describe());
        _compiledTemplate = JsonNode.Parse(build.StandardOutput)!.AsObject();

        _flexSnapshot = await SnapshotAsync(
            $"param apiClientId = '{ApiClientId}'\n",
            CancellationToken.None);
        _premiumSnapshot = await SnapshotAsync(
            $"param apiClientId = '{ApiClientId}'\n"
            + "param hostingPlan = 'ElasticPremium'\n"
            + "param serviceBusSku = 'Premium'\n"
            + "param appInsightsEntraAuthOnly = false\n",
            CancellationToken.None);
        _networkSnapshot = await SnapshotAsync(
            $"param apiClientId = '{ApiClientId}'\n"
            + "param hostingPlan = 'ElasticPremium'\n"
            + "param serviceBusSku = 'Premium'\n"
            + "param networkAccess = 'NetworkRules'\n"
            + $"param integrationSubnetId = '{IntegrationSubnetId}'\n"
            + "param allowedIpRanges = ['203.0.113.0/24']\n",
            CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DeploymentSnapshot> SnapshotAsync(string parameterLines, CancellationToken cancellationToken)
    {
        var cli = Cli;
        var directory = Directory.CreateTempSubdirectory("integrationhub-infra-");
        try
        {
            // A .bicepparam file must name its template by a relative path, and the snapshot is written
            // beside it: both stay in the temporary folder, never in infra/.
            var template = Path.GetRelativePath(directory.FullName, cli.MainTemplatePath).Replace('\\', '/');
            var parameters = Path.Combine(directory.FullName, "test.bicepparam");
            await File.WriteAllTextAsync(parameters, $"using '{template}'\n{parameterLines}", cancellationToken);

            var run = await cli.RunAsync(
                [
                    "snapshot", parameters,
                    "--subscription-id", SubscriptionId,
                    "--tenant-id", TenantId,
                    "--resource-group", ResourceGroup,
                    "--location", "southeastasia",
                ],
                directory.FullName,
                cancellationToken);
            Assert.True(run.ExitCode == 0, run.Describe());

            var output = Path.Combine(directory.FullName, "test.snapshot.json");
            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(output, cancellationToken))!.AsObject();
            Assert.Empty(snapshot["diagnostics"]?.AsArray() ?? []);
            return new DeploymentSnapshot(snapshot);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
