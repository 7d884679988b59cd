namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>The test classes that share one running hub.</summary>
[CollectionDefinition(Name)]
public sealed class AuthHubCollection : ICollectionFixture<AuthHubFixture>
{
    public const string Name = "auth-hub";
}
