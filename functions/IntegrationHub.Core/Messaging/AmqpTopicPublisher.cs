using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// The generic AMQP 1.0 transport (AMQPNetLite; RabbitMQ's addresses). Publishes on one long-lived connection, one sender link per topic. Sends are unsettled and their
/// outcomes awaited (never pre-settled: a pre-settled send can be lost). Many sends share the link at once.
/// A broken connection is replaced on the next send; what failed meanwhile stays in the outbox for the relay.
/// </summary>
public sealed partial class AmqpTopicPublisher : ITopicPublisher, IAsyncDisposable
{
    private readonly MessagingOptions _options;
    private readonly IEventArchive _archive;
    private readonly ILogger<AmqpTopicPublisher> _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Task<SenderLink>> _senders = new(StringComparer.Ordinal);
    private Connection? _connection;
    private Session? _session;

    public AmqpTopicPublisher(MessagingOptions options, IEventArchive archive, ILogger<AmqpTopicPublisher> logger)
    {
        _options = options;
        _archive = archive;
        _logger = logger;
    }

    public Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        var message = CloudEventAmqpMapper.ToMessage(accepted, _options.MaxInlineDataBytes, _archive.RecordUri, partitionKey: false);
        return PublishRawAsync(accepted.Topic, message, cancellationToken);
    }

    /// <summary>All sends go out at once on the topics' links, unsettled, and their outcomes are awaited together.</summary>
    public Task PublishBatchAsync(IReadOnlyList<AcceptedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Task.WhenAll(events.Select(e => PublishAsync(e, cancellationToken)));
    }

    public async Task PublishRawAsync(string topic, Message message, CancellationToken cancellationToken)
    {
        var sender = await GetSenderAsync(topic, cancellationToken);
        try
        {
            await sender.SendAsync(message, _options.SendTimeout);
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // The link or connection may be dead: forget it so the next send builds a new one.
            Forget(topic, sender);
            throw new BrokerUnavailableException($"Publishing to {topic} failed: {e.Message}", e);
        }
    }

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GetSessionAsync(cancellationToken);
            return true;
        }
        catch (BrokerUnavailableException)
        {
            return false;
        }
    }

    private Task<SenderLink> GetSenderAsync(string topic, CancellationToken cancellationToken)
    {
        var task = _senders.GetOrAdd(topic, t => AttachAsync(t, CancellationToken.None));
        if (task.IsFaulted || task.IsCanceled || (task.IsCompletedSuccessfully && task.Result.IsClosed))
        {
            _senders.TryRemove(new KeyValuePair<string, Task<SenderLink>>(topic, task));
            task = _senders.GetOrAdd(topic, t => AttachAsync(t, CancellationToken.None));
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<SenderLink> AttachAsync(string topic, CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync(cancellationToken);
        var address = _options.SendAddress(topic);
        try
        {
            var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var link = new SenderLink(session, "hub-" + topic + "-" + Guid.NewGuid().ToString("N")[..8],
                new Attach { Target = new Target { Address = address, Durable = 1 }, Source = new Source(), SndSettleMode = SenderSettleMode.Unsettled },
                (_, attach) => attached.TrySetResult());
            await attached.Task.WaitAsync(_options.SendTimeout, cancellationToken);
            if (link.IsClosed)
            {
                throw new BrokerUnavailableException($"The broker refused a sender link to {address}: {link.Error?.Description}", null);
            }

            return link;
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or ObjectDisposedException)
        {
            throw new BrokerUnavailableException($"Cannot attach a sender to {address}: {e.Message}", e);
        }
    }

    private async Task<Session> GetSessionAsync(CancellationToken cancellationToken)
    {
        var session = _session;
        if (session is not null && !session.IsClosed && !session.Connection.IsClosed)
        {
            return session;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            session = _session;
            if (session is not null && !session.IsClosed && !session.Connection.IsClosed)
            {
                return session;
            }

            _senders.Clear();
            if (_connection is not null)
            {
                _ = CloseQuietlyAsync(_connection);
            }

            var factory = new ConnectionFactory();
            factory.AMQP.IdleTimeout = 60_000;
            factory.AMQP.ContainerId = "integrationhub-" + Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                _connection = await factory.CreateAsync(new Address(_options.Endpoint)).WaitAsync(_options.SendTimeout, cancellationToken);
            }
            catch (Exception e) when (e is AmqpException or TimeoutException or System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
            {
                throw new BrokerUnavailableException($"Cannot connect to the broker: {e.Message}", e);
            }

            _session = new Session(_connection);
            LogConnected(_logger, new Uri(_options.Endpoint).Host);
            return _session;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void Forget(string topic, SenderLink sender)
    {
        if (_senders.TryGetValue(topic, out var task) && task.IsCompletedSuccessfully && ReferenceEquals(task.Result, sender))
        {
            _senders.TryRemove(new KeyValuePair<string, Task<SenderLink>>(topic, task));
        }
    }

    private static async Task CloseQuietlyAsync(Connection connection)
    {
        try
        {
            await connection.CloseAsync();
        }
        catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // Already broken; nothing to tell anyone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await CloseQuietlyAsync(_connection);
        }

        _connectLock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the AMQP broker at {Host}")]
    private static partial void LogConnected(ILogger logger, string host);
}
