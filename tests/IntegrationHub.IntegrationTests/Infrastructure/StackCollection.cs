namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>Tests that share <see cref="SharedStackFixture"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<SharedStackFixture>
{
    public const string Name = "stack";
}
