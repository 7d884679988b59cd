using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>
/// A stack of the fault tests' own: they stop, start and kill its services, which the tests sharing
/// <see cref="SharedStackFixture"/> must never see.
/// </summary>
public sealed class FaultStackFixture : IAsyncLifetime
{
    private LocalStack? _stack;

    public LocalStack Stack => _stack ?? throw new InvalidOperationException("The fault stack has not started.");

    public async Task InitializeAsync() => _stack = await LocalStack.StartAsync("faults", TestTopology.Feeds);

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
