namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>A stack of its own for tests that stop, kill and restart its services.</summary>
public sealed class RestartStackFixture : IAsyncLifetime
{
    private LocalStack? _stack;

    public LocalStack Stack => _stack ?? throw new InvalidOperationException("The restart stack has not started.");

    public async Task InitializeAsync() => _stack = await LocalStack.StartAsync("restart", TestTopology.Feeds);

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
