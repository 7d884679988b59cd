using System.Threading.Channels;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Accepted events waiting for the publisher. Bounded: when it is full the event is simply left to the
/// outbox relay, so a slow broker never slows ingest nor grows memory.
/// </summary>
public sealed class PublishQueue
{
    private readonly Channel<AcceptedEvent> _channel = Channel.CreateBounded<AcceptedEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool TryEnqueue(AcceptedEvent accepted) => _channel.Writer.TryWrite(accepted);

    public ChannelReader<AcceptedEvent> Reader => _channel.Reader;
}
