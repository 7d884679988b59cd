namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Calls a flush about once every <see cref="FeedActivityRecorder.FlushInterval"/> from the first <see cref="Start"/> until
/// disposed, then once more (bounded to 5 s) so that what was buffered at shutdown is written. Disposing twice is harmless
/// (a recorder registered under two service types is disposed by both).
/// </summary>
public sealed class FlushLoop(Func<CancellationToken, Task> flushAsync) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    /// <summary>Starts the loop unless it runs already.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await flushAsync(timeout.Token);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FeedActivityRecorder.FlushInterval, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await flushAsync(_stopping.Token);
        }
    }
}
