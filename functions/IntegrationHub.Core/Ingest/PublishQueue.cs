using System.Collections.Concurrent;
using System.Threading.Channels;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Accepted events waiting for the publisher. Bounded: when it is full the event is simply left to the
/// outbox relay, so a slow broker never slows ingest nor grows memory.
/// </summary>
/// <remarks>
/// An event is in flight from <see cref="Hold"/> (before its commit) until the fast path has published it and marked it published
/// (or given up on it): <see cref="OutboxRelay"/> leaves such events alone. Under load an event can wait here, or
/// in its publish and mark, for longer than the relay's grace; without this the relay would send it a second time.
/// </remarks>
public sealed class PublishQueue
{
    private readonly Channel<AcceptedEvent> _channel = Channel.CreateBounded<AcceptedEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Marks the event as the fast path's from before its commit, so a relay run in between leaves it alone.</summary>
    public void Hold(AcceptedEvent accepted) => _inFlight[accepted.KeyHash] = 0;

    public bool TryEnqueue(AcceptedEvent accepted)
    {
        _inFlight[accepted.KeyHash] = 0;
        if (_channel.Writer.TryWrite(accepted))
        {
            return true;
        }

        return false;
    }

    /// <summary>The fast path is done with the event, published or not; from now on it is the relay's if it is still in the outbox.</summary>
    public void Complete(AcceptedEvent accepted) => _inFlight.TryRemove(accepted.KeyHash, out _);

    public bool IsInFlight(string keyHash) => _inFlight.ContainsKey(keyHash);

    public ChannelReader<AcceptedEvent> Reader => _channel.Reader;
}
