namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>One local stack, with the feed topology, for every test of the "stack" collection.</summary>
public sealed class SharedStackFixture : IAsyncLifetime
{
    private LocalStack? _stack;

    public LocalStack Stack => _stack ?? throw new InvalidOperationException("The shared stack has not started.");

    public async Task InitializeAsync() => _stack = await LocalStack.StartAsync("shared", TestTopology.Feeds);

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
