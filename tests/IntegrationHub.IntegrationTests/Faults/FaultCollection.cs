namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>The fault tests: one stack of their own, one test at a time (each stops and starts its services).</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultStackFixture>
{
    public const string Name = "faults";
}
