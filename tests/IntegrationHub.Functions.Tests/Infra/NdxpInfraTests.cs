namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>The NDXP connector's settings in infra/main.bicep: off by default, secrets only as Key Vault references.</summary>
public sealed class NdxpInfraTests(InfraTemplateFixture fixture) : IClassFixture<InfraTemplateFixture>
{
    [Fact]
    public void By_default_the_connector_is_configured_off_and_without_secrets()
    {
        var settings = fixture.FlexSnapshot.AppSettings();

        Assert.Equal("", settings["Hub__Ndxp__Endpoint"]);
        Assert.Equal("", settings["Hub__Ndxp__ClientSecret"]);
        Assert.Equal("", settings["Hub__Ndxp__ClientCertificate"]);
        Assert.Equal("10", settings["Hub__Ndxp__MaxDeliveries"]);
    }

    [Fact]
    public void The_client_secret_and_certificate_can_only_be_Key_Vault_references_resolved_with_the_hubs_identity()
    {
        var template = fixture.CompiledTemplate.ToJsonString();
        var parameters = fixture.CompiledTemplate["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("ndxpClientSecretUri", parameters);
        Assert.Contains("ndxpClientCertificateUri", parameters);
        Assert.DoesNotContain(parameters, p => p.StartsWith("ndxp", StringComparison.Ordinal) && (p.EndsWith("Secret", StringComparison.Ordinal) || p.EndsWith("Password", StringComparison.Ordinal)));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", template, StringComparison.Ordinal);
        Assert.Contains("keyVaultReferenceIdentity", template, StringComparison.Ordinal);
    }
}
