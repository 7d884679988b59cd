using System.Threading.Channels;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// The hub's one writer of the audit chain. Ingest requests, admin actions and purges wait for their record to be
/// durable (<see cref="RecordAsync"/>); reads are buffered (<see cref="TryRecordRead"/>), at most
/// <see cref="AuditOptions.ReadBufferCapacity"/> of them, and a read that finds the buffer full is refused by its caller.
/// Whatever is waiting when the writer runs goes into one block (group commit), so concurrent requests share an append.
/// </summary>
public sealed partial class AuditTrail(BlobAuditChain chain, AuditOptions options, ILogger<AuditTrail> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int _bufferedReads;
    private int _waitingDurable;
    private TaskCompletionSource _durableArrived = NewSignal();

    /// <summary>Reads recorded but not yet appended.</summary>
    public int BufferedReads => Volatile.Read(ref _bufferedReads);

    /// <summary>Appends <paramref name="entry"/> and returns once it is durable.</summary>
    /// <exception cref="AuditUnavailableException">The record could not be made durable.</exception>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _waitingDurable);
        if (!_pending.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waitingDurable);
            throw new AuditUnavailableException("The audit trail is stopped.");
        }

        // A writer backing off after a failure tries again at once for a request that waits.
        Volatile.Read(ref _durableArrived).TrySetResult();

        await pending.Durable!.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Buffers a read's record; false when the buffer is full, and the read must then be refused.</summary>
    public bool TryRecordRead(AuditEntry entry)
    {
        if (Interlocked.Increment(ref _bufferedReads) > options.ReadBufferCapacity)
        {
            Interlocked.Decrement(ref _bufferedReads);
            return false;
        }

        if (_pending.Writer.TryWrite(new Pending(entry, null)))
        {
            return true;
        }

        Interlocked.Decrement(ref _bufferedReads);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var carried = new List<Pending>();
        var backoff = TimeSpan.FromMilliseconds(200);
        // Runs until the trail is stopped and everything buffered is appended: a stop drains the buffer first.
        while (true)
        {
            if (carried.Count == 0 && !await _pending.Reader.WaitToReadAsync(CancellationToken.None))
            {
                return;
            }

            var batch = new List<Pending>(carried);
            carried.Clear();
            while (batch.Count < options.MaxRecordsPerBlock && _pending.Reader.TryRead(out var next))
            {
                if (next.Durable is not null)
                {
                    Interlocked.Decrement(ref _waitingDurable);
                }

                batch.Add(next);
            }

            try
            {
                await chain.AppendAsync(batch.Select(p => p.Entry).ToList(), CancellationToken.None);
                foreach (var p in batch)
                {
                    Settle(p);
                }

                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception e) when (e is StorageUnavailableException or AuditUnavailableException or Azure.RequestFailedException)
            {
                LogAppendFailed(logger, batch.Count, e.GetType().Name);

                // Requests waiting for durability get their answer now (503); buffered reads stay buffered and are retried.
                foreach (var p in batch)
                {
                    if (p.Durable is null)
                    {
                        carried.Add(p);
                    }
                    else
                    {
                        p.Durable.TrySetException(new AuditUnavailableException("The audit record could not be made durable.", e));
                    }
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    LogReadsLost(logger, carried.Count);
                    return;
                }

                var signal = NewSignal();
                Volatile.Write(ref _durableArrived, signal);
                if (Volatile.Read(ref _waitingDurable) == 0)
                {
                    await Task.WhenAny(Task.Delay(backoff, CancellationToken.None), signal.Task);
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Settle(Pending pending)
    {
        if (pending.Durable is null)
        {
            Interlocked.Decrement(ref _bufferedReads);
        }
        else
        {
            pending.Durable.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit append of {Records} records failed with {Error}; retrying")]
    private static partial void LogAppendFailed(ILogger logger, int records, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The hub stopped with {Reads} buffered read records it could not append")]
    private static partial void LogReadsLost(ILogger logger, int reads);

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource? Durable);
}
